#pragma once

#include <optional>
#include <string>

namespace jodo {

// Text read from the ERP as it may go to Jodo (docs/jodo-choices.md, "Text
// sent to Jodo"), one rule for every field:
// - bytes that are not UTF-8 (stray, overlong, surrogate, past U+10FFFF) and
//   NUL are refused: nullopt, and *reason says what and where;
// - tab, CR and LF become a space;
// - every other control character (C0, DEL, C1) and the invisible bidi
//   formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E,
//   U+2066-U+2069) are removed: they cannot be seen on an invoice and can make
//   a name or a note read differently from what it holds.
std::optional<std::string> outbound_text(const std::string& text, std::string* reason = nullptr);

}  // namespace jodo
