#include "erp_sql/OpenOdbcSession.hpp"

#include <mutex>

#include <Poco/Any.h>
#include <Poco/Data/ODBC/Connector.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/MariadbSession.hpp"

namespace erp_sql {

void register_odbc_connector() {
    static std::once_flag registered;
    std::call_once(registered, [] { Poco::Data::ODBC::Connector::registerConnector(); });
}

Poco::Data::Session open_odbc_session(const std::string& connection_string) {
    register_odbc_connector();
    return Poco::Data::Session("ODBC", connection_string);
}

Poco::Data::Session open_odbc_session(const std::string& connection_string,
                                      const OdbcSessionOptions& options) {
    Poco::Data::Session session = open_odbc_session(connection_string);
    if (options.max_field_size > 0)
        session.setProperty("maxFieldSize", Poco::Any(options.max_field_size));
    if (options.mariadb_session_setup && dialect_of(connection_string) == Dialect::mariadb)
        session << kMariadbSessionSetup, Poco::Data::Keywords::now;
    return session;
}

}  // namespace erp_sql
