#include "erp_sql/PostgresqlSession.hpp"

#include "erp_sql/OdbcConnectionString.hpp"

namespace erp_sql {

std::string postgresql_connection_string(const std::string& connection) {
    std::string out;
    for (const auto& attribute : parse_odbc_connection_string(connection)) {
        if (attribute.has_equals && normalized_keyword(attribute.keyword) == "protocol")
            continue;
        if (attribute.keyword.empty() && !attribute.has_equals)
            continue;
        out += attribute.keyword + (attribute.has_equals ? "=" + attribute.raw_value : "") + ";";
    }
    return out + "Protocol=7.4-0;";
}

}  // namespace erp_sql
