#pragma once

#include <string>

namespace erp_sql {

// What every PostgreSQL session the module opens must have, whatever the
// administrator's connection string says.

// The connection string with psqlODBC's "level of rollback on errors" set to
// 0 (`Protocol=7.4-0`, replacing any Protocol the string has; DSN values are
// overridden by the string's). psqlODBC's default (2, statement) wraps every
// statement inside a transaction in SAVEPOINT / RELEASE, two more round trips
// each, so that an error undoes only that statement. The module never goes on
// after an error inside its own transactions: the whole transaction is rolled
// back (erp_sql::Transaction), so with 0 the driver does nothing extra and an
// error leaves the transaction failed until that rollback: nothing after it
// can be committed by accident. Outside transactions (autocommit) nothing
// changes. Where the module does try a statement that may fail and then go on
// (checking the ERP mapping at start) it runs each in a transaction of its own.
std::string postgresql_connection_string(const std::string& odbc_connection_string);

}  // namespace erp_sql
