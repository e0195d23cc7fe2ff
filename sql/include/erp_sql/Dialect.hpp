#pragma once

#include <string>

namespace erp_sql {

enum class Dialect { sqlite, postgresql, mariadb };

// Which SQL dialect an ODBC connection string talks to, from its driver
// ("Driver=SQLite3;...", "Driver=PostgreSQL Unicode;...", "Driver=MariaDB;...")
// or, for "DSN=name;...", from the driver odbc.ini gives that data source
// (the registered name and its library in odbcinst.ini both count). Throws
// std::invalid_argument naming the driver (or the missing DSN) when unknown.
Dialect dialect_of(const std::string& odbc_connection_string);

const char* dialect_name(Dialect dialect);

// Removes Pwd=/Password= values (any case, braced or not) so a connection
// string can be logged; parts it cannot read with certainty are hidden too.
std::string redact_connection_string(const std::string& odbc_connection_string);

}  // namespace erp_sql
