// What someone else sent, quoted in a message: bounded, so that a hostile
// answer cannot make a stored reason or a log line unbounded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jodo {

// `text` when it has at most `max_bytes` bytes; otherwise its first bytes, cut
// on a UTF-8 character boundary, followed by "...".
std::string excerpt(std::string_view text, std::size_t max_bytes = 40);

}  // namespace jodo
