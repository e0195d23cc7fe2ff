#pragma once

#include <string>

namespace erp_sql {

enum class Dialect { sqlite, postgresql };

// Which SQL dialect an ODBC connection string talks to, from its driver name
// ("Driver=SQLite3;..." or "Driver=PostgreSQL Unicode;..."). Throws
// std::invalid_argument naming the connection string's Driver when unknown.
Dialect dialect_of(const std::string& odbc_connection_string);

const char* dialect_name(Dialect dialect);

// Removes Pwd=/Password= values (any case, braced or not) so a connection
// string can be logged; parts it cannot read with certainty are hidden too.
std::string redact_connection_string(const std::string& odbc_connection_string);

}  // namespace erp_sql
