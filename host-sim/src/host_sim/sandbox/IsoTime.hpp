// ISO 8601 instants as Jodo writes them ("2022-03-01T10:05:45Z") and as
// callers may send them (with a "+05:30" style offset or fractional seconds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jodo::sandbox {

// "2022-03-01T10:05:45Z" for the given Unix time.
std::string format_iso_utc(std::int64_t unix_seconds);

// Strict reader: YYYY-MM-DDTHH:MM:SS[.fraction](Z | +HH:MM | -HH:MM | +HHMM | +HH).
// A time zone is required. Fractions are dropped. Returns nullopt and sets *reason
// when the text is not such an instant.
std::optional<std::int64_t> parse_iso_instant(std::string_view text, std::string* reason = nullptr);

}  // namespace jodo::sandbox
