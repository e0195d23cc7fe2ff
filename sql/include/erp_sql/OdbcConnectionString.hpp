#pragma once

#include <string>
#include <vector>

namespace erp_sql {

// One `keyword=value` part of an ODBC connection string, read with the ODBC
// grammar (SQLDriverConnect): parts are separated by ';', a value in braces
// may contain ';' and writes '}' as "}}".
struct OdbcAttribute {
    std::string keyword;    // as written, spaces included
    std::string raw_value;  // as written after '=', braces included
    std::string value;      // braces removed, "}}" read as '}'
    bool has_equals = false;
    bool unterminated = false;  // a '{' never closed: the value runs to the end
};

std::vector<OdbcAttribute> parse_odbc_connection_string(const std::string& connection_string);

// The keyword as drivers compare it: without surrounding blanks, lower case.
std::string normalized_keyword(const std::string& keyword);

}  // namespace erp_sql
