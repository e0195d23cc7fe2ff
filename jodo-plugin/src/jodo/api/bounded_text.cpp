#include "jodo/api/bounded_text.hpp"

namespace jodo {

namespace {
// Bytes of the character that starts at `at`.
std::size_t char_size(const std::string& text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    // Only as many bytes as really continue it.
    std::size_t used = 1;
    while (used < size && at + used < text.size() &&
           (static_cast<unsigned char>(text[at + used]) & 0xC0) == 0x80)
        ++used;
    return used;
}
}  // namespace

std::string bounded_text(const std::string& text, std::size_t max_chars) {
    std::size_t at = 0, chars = 0;
    while (at < text.size() && chars < max_chars) {
        at += char_size(text, at);
        ++chars;
    }
    return text.substr(0, at);
}

std::size_t utf8_length(const std::string& text) {
    std::size_t at = 0, chars = 0;
    while (at < text.size()) {
        at += char_size(text, at);
        ++chars;
    }
    return chars;
}

}  // namespace jodo
