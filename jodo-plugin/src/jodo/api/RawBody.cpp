#include "jodo/api/RawBody.hpp"

namespace jodo {

namespace {
bool continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}
bool json_whitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
}  // namespace

std::size_t invalid_utf8_at(const std::string& bytes) {
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0;  // overlong
            if (c == 0xED)
                high = 0x9F;  // UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90;  // overlong
            if (c == 0xF4)
                high = 0x8F;  // above U+10FFFF
        } else {
            return i;  // 0x80-0xC1 (continuation or overlong lead), 0xF5-0xFF
        }
        if (i + length > n)
            return i;
        const auto second = static_cast<unsigned char>(bytes[i + 1]);
        if (second < low || second > high)
            return i;
        for (std::size_t k = 2; k < length; ++k)
            if (!continuation(static_cast<unsigned char>(bytes[i + k])))
                return i;
        i += length;
    }
    return std::string::npos;
}

std::size_t utf8_characters(const std::string& utf8) {
    std::size_t count = 0;
    for (char c : utf8)
        count += !continuation(static_cast<unsigned char>(c));
    return count;
}

std::size_t data_after_object_at(const std::string& json) {
    const std::size_t n = json.size();
    std::size_t i = 0;
    while (i < n && json_whitespace(json[i]))
        ++i;
    int depth = 0;
    bool in_string = false;
    for (; i < n; ++i) {
        const char c = json[i];
        if (in_string) {
            if (c == '\\')
                ++i;  // the escaped character cannot end the string
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            ++i;
            break;
        }
    }
    while (i < n && json_whitespace(json[i]))
        ++i;
    return i < n ? i : std::string::npos;
}

}  // namespace jodo
