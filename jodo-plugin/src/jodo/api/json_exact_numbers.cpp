#include "jodo/api/json_exact_numbers.hpp"

#include <algorithm>
#include <vector>

namespace jodo::json {

namespace {
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_number_char(char c) {
    return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whether an int64 or a double carries `token` exactly (see the header).
// *valid says whether it is a JSON number at all (RFC 8259:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?).
bool carried_exactly(std::string_view token, bool* valid) {
    std::size_t i = 0, digits = 0;
    *valid = false;
    if (i < token.size() && token[i] == '-')
        ++i;
    if (i >= token.size() || !is_digit(token[i]))
        return false;
    if (token[i] == '0') {
        ++i, ++digits;
    } else {
        while (i < token.size() && is_digit(token[i]))
            ++i, ++digits;
    }
    bool fraction = false, exponent = false;
    if (i < token.size() && token[i] == '.') {
        fraction = true;
        ++i;
        const std::size_t start = i;
        while (i < token.size() && is_digit(token[i]))
            ++i, ++digits;
        if (i == start)
            return false;
    }
    if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
        exponent = true;
        ++i;
        if (i < token.size() && (token[i] == '+' || token[i] == '-'))
            ++i;
        const std::size_t start = i;
        while (i < token.size() && is_digit(token[i]))
            ++i;
        if (i == start)
            return false;
    }
    if (i != token.size())
        return false;
    *valid = true;
    if (exponent)
        return false;
    return fraction ? digits <= 15 : digits <= 18;
}
}  // namespace

std::string quote_inexact_numbers(std::string_view body) {
    std::string out;
    out.reserve(body.size() + 16);
    std::vector<char> open;  // '{' or '[' of the containers we are in
    char last = 0;           // the last structural character outside strings
    std::size_t i = 0;
    while (i < body.size()) {
        const char c = body[i];
        if (c == '"') {
            // Copy the string as it is, escapes included.
            std::size_t end = i + 1;
            while (end < body.size() && body[end] != '"')
                end += body[end] == '\\' ? 2 : 1;
            end = std::min(end + 1, body.size());
            out.append(body.substr(i, end - i));
            last = '"';
            i = end;
            continue;
        }
        if (c == '-' || is_digit(c)) {
            std::size_t end = i;
            while (end < body.size() && is_number_char(body[end]))
                ++end;
            const std::string_view token = body.substr(i, end - i);
            // A value follows ':' , '[' , a ',' inside an array, or nothing.
            const bool value_position = last == 0 || last == ':' || last == '[' ||
                                        (last == ',' && !open.empty() && open.back() == '[');
            bool valid = false;
            const bool exact = carried_exactly(token, &valid);
            if (valid && !exact && value_position) {
                out += '"';
                out.append(token);
                out += '"';
            } else {
                out.append(token);
            }
            last = '0';
            i = end;
            continue;
        }
        if (c == '{' || c == '[') {
            open.push_back(c);
        } else if ((c == '}' || c == ']') && !open.empty()) {
            open.pop_back();
        }
        if (!is_space(c))
            last = c;
        out += c;
        ++i;
    }
    return out;
}

}  // namespace jodo::json
