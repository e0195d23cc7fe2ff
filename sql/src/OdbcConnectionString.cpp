#include "erp_sql/OdbcConnectionString.hpp"

#include <algorithm>
#include <cctype>

namespace erp_sql {

namespace {
bool blank(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}
}  // namespace

std::string normalized_keyword(const std::string& keyword) {
    auto first = std::find_if_not(keyword.begin(), keyword.end(), blank);
    auto last = std::find_if_not(keyword.rbegin(), keyword.rend(), blank).base();
    std::string out = first < last ? std::string(first, last) : std::string();
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<OdbcAttribute> parse_odbc_connection_string(const std::string& text) {
    std::vector<OdbcAttribute> out;
    const std::size_t n = text.size();
    std::size_t pos = 0;
    while (pos < n) {
        OdbcAttribute attribute;
        std::size_t i = pos;
        while (i < n && text[i] != '=' && text[i] != ';')
            ++i;
        attribute.keyword = text.substr(pos, i - pos);
        if (i >= n || text[i] == ';') {
            // No '=': not an attribute a driver would use; kept so that a
            // caller can decide what to do with it (redaction hides it).
            if (!normalized_keyword(attribute.keyword).empty())
                out.push_back(std::move(attribute));
            pos = i + 1;
            continue;
        }
        attribute.has_equals = true;
        const std::size_t value_start = ++i;
        while (i < n && blank(text[i]))
            ++i;
        if (i < n && text[i] == '{') {
            ++i;
            bool closed = false;
            while (i < n) {
                if (text[i] == '}') {
                    if (i + 1 < n && text[i + 1] == '}') {
                        attribute.value += '}';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                attribute.value += text[i++];
            }
            attribute.unterminated = !closed;
            while (i < n && text[i] != ';')  // anything after '}' belongs to this part
                ++i;
        } else {
            while (i < n && text[i] != ';')
                ++i;
            attribute.value = text.substr(value_start, i - value_start);
        }
        attribute.raw_value = text.substr(value_start, i - value_start);
        out.push_back(std::move(attribute));
        pos = i + 1;
    }
    return out;
}

}  // namespace erp_sql
