#pragma once

#include <string>
#include <vector>

namespace jodo {

// One SQL statement with its `:name` placeholders turned into ODBC's `?`,
// and the names in the order of the `?`s (a name may repeat).
struct NamedSql {
    std::string sql;
    std::vector<std::string> parameters;
};

// Splits an administrator's setting into statements (at `;` outside quotes
// and comments) and finds the placeholders. `::` (a PostgreSQL cast), text in
// '...', "..." or `...`, and -- or /* */ comments are left alone. Empty
// statements are dropped.
std::vector<NamedSql> parse_named_sql(const std::string& text);

}  // namespace jodo
