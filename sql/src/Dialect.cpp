#include "erp_sql/Dialect.hpp"

#include "erp_sql/OdbcConnectionString.hpp"
#include "erp_sql/OdbcDriverLookup.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace erp_sql {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<Dialect> dialect_named(const std::string& text) {
    const std::string driver = lower(text);
    if (driver.find("sqlite") != std::string::npos)
        return Dialect::sqlite;
    if (driver.find("postgres") != std::string::npos || driver.find("psql") != std::string::npos)
        return Dialect::postgresql;
    // MariaDB Connector/ODBC: "MariaDB", "MariaDB Unicode", "MariaDB ODBC 3.1
    // Driver", or its library libmaodbc.so.
    if (driver.find("mariadb") != std::string::npos || driver.find("maodbc") != std::string::npos)
        return Dialect::mariadb;
    return std::nullopt;
}
}  // namespace

Dialect dialect_of(const std::string& connection_string) {
    OdbcDriver driver = odbc_driver_of(connection_string);
    // The name first (what the administrator chose), then the library it
    // stands for, so that a driver registered under any name is recognised.
    if (auto dialect = dialect_named(driver.name))
        return *dialect;
    if (driver.library.empty())
        driver.library = odbc_driver_library(driver.name);
    if (auto dialect = dialect_named(driver.library))
        return *dialect;
    // Never echo the whole string: it may hold a password.
    if (driver.name.empty() && !driver.dsn.empty())
        throw std::invalid_argument("database connection string: data source DSN=" + driver.dsn +
                                    " is not configured in odbc.ini (odbcinst -q -s lists them)");
    if (driver.name.empty())
        throw std::invalid_argument("database connection string " +
                                    redact_connection_string(connection_string) +
                                    " names no Driver= or DSN=");
    throw std::invalid_argument("database connection string: driver \"" + driver.name + "\"" +
                                (driver.dsn.empty() ? "" : " (of DSN=" + driver.dsn + ")") +
                                " is none of SQLite, PostgreSQL, MariaDB");
}

const char* dialect_name(Dialect dialect) {
    switch (dialect) {
        case Dialect::sqlite:
            return "sqlite";
        case Dialect::postgresql:
            return "postgresql";
        case Dialect::mariadb:
            return "mariadb";
    }
    return "unknown";
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
