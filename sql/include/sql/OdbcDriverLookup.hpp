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
    std::string library;  // odbcinst.ini's Driver= path for `name`, or `name` if a path
};

// Empty fields when the string names neither a driver nor a data source that
// is configured on this machine.
OdbcDriver odbc_driver_of(const std::string& odbc_connection_string);

// A keyword's value from the string itself, else from its DSN's odbc.ini
// section (connection-string attributes override the DSN's, as in ODBC).
// Empty when neither has it.
std::string odbc_attribute(const std::string& odbc_connection_string, const std::string& keyword);

}  // namespace erp_sql
