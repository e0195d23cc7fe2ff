#include "jodo/api/outbound_text.hpp"

#include <cstdint>
#include <cstdio>

namespace jodo {

namespace {
bool refuse(std::string* reason, const std::string& why) {
    if (reason)
        *reason = why;
    return false;
}

std::string byte_at(unsigned char byte, std::size_t at) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", unsigned(byte));
    return std::string(hex) + " at byte " + std::to_string(at + 1);
}

// The code point starting at text[at] and its length; false when the bytes
// there are not UTF-8.
bool decode(const std::string& text, std::size_t at, std::uint32_t* cp, std::size_t* len) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = b(at);
    std::uint32_t min = 0;
    if (lead < 0x80) {
        *cp = lead;
        *len = 1;
        return true;
    } else if ((lead & 0xE0) == 0xC0) {
        *cp = lead & 0x1F;
        *len = 2;
        min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        *cp = lead & 0x0F;
        *len = 3;
        min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        *cp = lead & 0x07;
        *len = 4;
        min = 0x10000;
    } else {
        return false;
    }
    if (at + *len > text.size())
        return false;
    for (std::size_t i = 1; i < *len; ++i) {
        if ((b(at + i) & 0xC0) != 0x80)
            return false;
        *cp = (*cp << 6) | (b(at + i) & 0x3F);
    }
    return *cp >= min && *cp <= 0x10FFFF && !(*cp >= 0xD800 && *cp <= 0xDFFF);
}

bool invisible_format(std::uint32_t cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}
}  // namespace

std::optional<std::string> outbound_text(const std::string& text, std::string* reason) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t cp = 0;
        std::size_t len = 0;
        if (!decode(text, at, &cp, &len)) {
            refuse(reason, "is not valid UTF-8 (" +
                               byte_at(static_cast<unsigned char>(text[at]), at) + ")");
            return std::nullopt;
        }
        if (cp == 0) {
            refuse(reason, "contains a NUL character (at byte " + std::to_string(at + 1) + ")");
            return std::nullopt;
        }
        if (cp == '\t' || cp == '\r' || cp == '\n')
            out += ' ';
        else if (!(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || invisible_format(cp)))
            out.append(text, at, len);
        at += len;
    }
    return out;
}

}  // namespace jodo
