#include "sql/Dialect.hpp"

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
    const std::string text = lower(connection_string);
    const auto at = text.find("driver=");
    const std::string driver =
        at == std::string::npos ? text : text.substr(at + 7, text.find(';', at) - at - 7);
    if (driver.find("sqlite") != std::string::npos)
        return Dialect::sqlite;
    if (driver.find("postgres") != std::string::npos || driver.find("psql") != std::string::npos)
        return Dialect::postgresql;
    throw std::invalid_argument("database connection string: driver \"" + driver +
                                "\" is neither SQLite nor PostgreSQL");
}

const char* dialect_name(Dialect dialect) {
    return dialect == Dialect::sqlite ? "sqlite" : "postgresql";
}

std::string redact_connection_string(const std::string& connection_string) {
    std::string out;
    std::size_t start = 0;
    while (start <= connection_string.size()) {
        auto end = connection_string.find(';', start);
        if (end == std::string::npos)
            end = connection_string.size();
        std::string part = connection_string.substr(start, end - start);
        const std::string key = lower(part.substr(0, part.find('=')));
        if (key == "pwd" || key == "password")
            part = part.substr(0, part.find('=')) + "=***";
        if (!part.empty())
            out += part + ";";
        start = end + 1;
    }
    return out;
}

}  // namespace erp_sql
