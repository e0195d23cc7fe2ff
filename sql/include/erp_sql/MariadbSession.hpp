#pragma once

#include <string>

namespace erp_sql {

// What every MariaDB session the module opens must have, whatever the
// administrator's connection string says.

// The connection string with MariaDB Connector/ODBC's FOUND_ROWS flag (OPTION
// bit 2) added to whatever OPTION it (or its DSN) has, and CHARSET=utf8mb4
// added when absent. FOUND_ROWS: an UPDATE counts the rows its WHERE matched,
// as SQLite and PostgreSQL do, not only those whose values changed; the
// conditional updates that decide who won a row rely on that count. Throws
// std::invalid_argument when the string (or DSN) asks for another CHARSET:
// names in Indian scripts and emoji need utf8mb4.
std::string mariadb_connection_string(const std::string& odbc_connection_string);

// Run on each pooled session before use (it also proves the connection is
// alive): ANSI_QUOTES so that "double-quoted" identifiers (the ERP-mapping
// profiles' "tabFees") are names, PIPES_AS_CONCAT so that || joins text,
// strict mode so that too-long text is refused rather than cut, and READ
// COMMITTED so that a conditional update and the reads after it see other
// sessions' commits as on PostgreSQL.
extern const char* const kMariadbSessionSetup;

}  // namespace erp_sql
