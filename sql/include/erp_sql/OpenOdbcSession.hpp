#pragma once

#include <cstddef>
#include <string>

#include <Poco/Data/Session.h>

namespace erp_sql {

// Every ODBC session the host, the tools, the tests and the bench open goes
// through here (the module's own pooled sessions are the pool's, in
// jodo/erp/Database; it registers the connector here too).

// Registers Poco's ODBC connector with its session factory, once per process
// (per binary: the module registers its own). Safe from any thread.
void register_odbc_connector();

struct OdbcSessionOptions {
    // Poco's cap on one text or binary field read; its default (1 KiB) cuts
    // longer text. 0 leaves Poco's default. kMaxFieldSize is the module's.
    std::size_t max_field_size = 0;
    // On MariaDB, run kMariadbSessionSetup first, as the module does on each
    // pooled session (so "quoted" identifiers mean what they mean elsewhere).
    bool mariadb_session_setup = false;
};

// A new session ("ODBC", connection_string), the connector registered first.
// Throws what Poco throws when the driver cannot connect.
Poco::Data::Session open_odbc_session(const std::string& connection_string);
Poco::Data::Session open_odbc_session(const std::string& connection_string,
                                      const OdbcSessionOptions& options);

}  // namespace erp_sql
