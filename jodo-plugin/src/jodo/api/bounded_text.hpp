#pragma once

#include <cstddef>
#include <string>

namespace jodo {

// At most `max_chars` characters of UTF-8 `text`, never cut inside a
// character (a stray continuation byte counts as a character of its own, so
// invalid input cannot make it read past the end).
std::string bounded_text(const std::string& text, std::size_t max_chars);

// How many characters `text` has, counted as bounded_text counts them.
std::size_t utf8_length(const std::string& text);

}  // namespace jodo
