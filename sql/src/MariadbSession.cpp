#include "erp_sql/MariadbSession.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "erp_sql/OdbcConnectionString.hpp"
#include "erp_sql/OdbcDriverLookup.hpp"

namespace erp_sql {

namespace {
constexpr unsigned long kFoundRows = 2;  // MariaDB Connector/ODBC's FLAG_FOUND_ROWS

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

unsigned long option_flags(const std::string& text) {
    if (text.empty())
        return 0;
    try {
        std::size_t used = 0;
        const unsigned long flags = std::stoul(text, &used, 0);
        if (used == text.size())
            return flags;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("database connection string: OPTION=" + text +
                                " is not a number (MariaDB Connector/ODBC flags)");
}

// `connection` without its own `keyword` parts.
std::string without(const std::string& connection, const std::string& keyword) {
    std::string out;
    for (const auto& attribute : parse_odbc_connection_string(connection)) {
        if (attribute.has_equals && normalized_keyword(attribute.keyword) == keyword)
            continue;
        out += attribute.keyword + (attribute.has_equals ? "=" + attribute.raw_value : "") + ";";
    }
    return out;
}
}  // namespace

const char* const kMariadbSessionSetup =
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ANSI_QUOTES,PIPES_AS_CONCAT,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
    "SESSION tx_isolation = 'READ-COMMITTED'";

std::string mariadb_connection_string(const std::string& connection) {
    const std::string charset = odbc_attribute(connection, "charset");
    if (!charset.empty() && lower(charset) != "utf8mb4")
        throw std::invalid_argument("database connection string: CHARSET=" + charset +
                                    " cannot hold every name (Indian scripts, emoji); use "
                                    "CHARSET=utf8mb4 or leave it out");
    const unsigned long flags = option_flags(odbc_attribute(connection, "option")) | kFoundRows;
    std::string out = without(without(connection, "option"), "charset");
    return out + "OPTION=" + std::to_string(flags) + ";CHARSET=utf8mb4;";
}

}  // namespace erp_sql
