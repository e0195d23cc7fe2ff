#include "sql/Dialect.hpp"

#include "sql/OdbcConnectionString.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace erp_sql {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
}  // namespace

Dialect dialect_of(const std::string& connection_string) {
    // Without a Driver keyword (a DSN, say) the whole string is searched.
    std::string driver = lower(connection_string);
    bool named = false;
    for (const auto& attribute : parse_odbc_connection_string(connection_string))
        if (attribute.has_equals && normalized_keyword(attribute.keyword) == "driver") {
            driver = lower(attribute.value);
            named = true;
        }
    if (driver.find("sqlite") != std::string::npos)
        return Dialect::sqlite;
    if (driver.find("postgres") != std::string::npos || driver.find("psql") != std::string::npos)
        return Dialect::postgresql;
    if (!named)  // never echo the string itself: it may hold a password
        throw std::invalid_argument("database connection string " +
                                    redact_connection_string(connection_string) +
                                    " names no SQLite or PostgreSQL driver");
    throw std::invalid_argument("database connection string: driver \"" + driver +
                                "\" is neither SQLite nor PostgreSQL");
}

const char* dialect_name(Dialect dialect) {
    return dialect == Dialect::sqlite ? "sqlite" : "postgresql";
}

std::string redact_connection_string(const std::string& connection_string) {
    std::string out;
    for (const auto& attribute : parse_odbc_connection_string(connection_string)) {
        const std::string key = normalized_keyword(attribute.keyword);
        if (!attribute.has_equals)
            out += "***";  // a stray part may be the tail of a password cut at ';'
        else if (key == "pwd" || key == "password" || attribute.unterminated)
            out += attribute.keyword + "=***";  // an unclosed '{' may swallow a password
        else
            out += attribute.keyword + "=" + attribute.raw_value;
        out += ";";
    }
    return out;
}

}  // namespace erp_sql
