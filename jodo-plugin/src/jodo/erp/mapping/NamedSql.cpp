#include "jodo/erp/mapping/NamedSql.hpp"

#include <cctype>

namespace jodo {

namespace {
bool name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool blank(const std::string& s) {
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c)))
            return false;
    return true;
}
}  // namespace

std::vector<NamedSql> parse_named_sql(const std::string& text) {
    std::vector<NamedSql> out;
    NamedSql current;
    bool meaningful = false;  // the statement has more than whitespace and comments
    auto finish = [&] {
        if (meaningful && !blank(current.sql))
            out.push_back(std::move(current));
        current = NamedSql{};
        meaningful = false;
    };
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const char c = text[i];
        if (c == '\'' || c == '"' || c == '`') {
            // A quoted string or identifier; a doubled quote stays inside.
            std::size_t j = i + 1;
            while (j < n) {
                if (text[j] == c) {
                    if (j + 1 < n && text[j + 1] == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            const std::size_t end = j < n ? j + 1 : n;
            current.sql.append(text, i, end - i);
            meaningful = true;
            i = end;
        } else if (c == '-' && i + 1 < n && text[i + 1] == '-') {
            const std::size_t end = text.find('\n', i);
            i = end == std::string::npos ? n : end;
        } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
            const std::size_t end = text.find("*/", i + 2);
            i = end == std::string::npos ? n : end + 2;
            current.sql += ' ';
        } else if (c == ':' && i + 1 < n && text[i + 1] == ':') {
            current.sql += "::";
            i += 2;
        } else if (c == ':' && i + 1 < n && name_start(text[i + 1]) &&
                   (i == 0 || !name_char(text[i - 1]))) {
            std::size_t j = i + 1;
            while (j < n && name_char(text[j]))
                ++j;
            current.parameters.push_back(text.substr(i + 1, j - i - 1));
            current.sql += '?';
            meaningful = true;
            i = j;
        } else if (c == ';') {
            finish();
            ++i;
        } else {
            current.sql += c;
            meaningful |= !std::isspace(static_cast<unsigned char>(c));
            ++i;
        }
    }
    finish();
    return out;
}

}  // namespace jodo
