#pragma once

#include <string>

namespace erp_sql {

// The driver an ODBC connection string reaches, looked up the way unixODBC
// does: `Driver=` names a driver registered in odbcinst.ini (or is the
// library's path); `DSN=` names a data source in odbc.ini (~/.odbc.ini,
// $ODBCINI, /etc/odbc.ini) whose own `Driver` entry is again a name or a path.
struct OdbcDriver {
    std::string dsn;      // the DSN= value, if any
    std::string name;     // as the string or the DSN names it
    std::string library;  // `name` when it is a path; else see odbc_driver_library()
};

// Empty fields when the string names neither a driver nor a data source that
// is configured on this machine.
// The library odbcinst.ini registers for driver `driver_name` ("" when none).
// Read only when the name itself says nothing: unixODBC keeps what it read of
// its ini files for the life of the process.
std::string odbc_driver_library(const std::string& driver_name);

OdbcDriver odbc_driver_of(const std::string& odbc_connection_string);

// A keyword's value from the string itself, else from its DSN's odbc.ini
// section (connection-string attributes override the DSN's, as in ODBC).
// Empty when neither has it.
std::string odbc_attribute(const std::string& odbc_connection_string, const std::string& keyword);

}  // namespace erp_sql
