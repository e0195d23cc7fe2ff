#pragma once

#include <cstddef>
#include <string>

namespace jodo {

// Checks on a webhook body as bytes, made before it is parsed or stored: the
// inbox must hold exactly the bytes whose signature was verified, and the
// database binds text as UTF-16, which cannot carry bytes that are not UTF-8.

// Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or npos.
std::size_t invalid_utf8_at(const std::string& bytes);

// Characters (code points) of well-formed UTF-8, as VARCHAR(n) counts them.
std::size_t utf8_characters(const std::string& utf8);

// For a body that holds one JSON object: the offset of the first byte after
// that object that is not JSON whitespace, or npos.
std::size_t data_after_object_at(const std::string& json_object);

}  // namespace jodo
