// The sandbox's own reading and writing of rupee amounts, written from the Jodo
// docs alone (shared/jodo-api/): it shares no code with the connector, so a
// money bug on one side is not silently the same on the other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jodo::sandbox {

using Paise = std::int64_t;

// DECIMAL(14,2) is what an ERP stores; Jodo's own limit is undocumented.
inline constexpr Paise kMaxPaise = 99999999999999;

// "1000", "1000.5", "1000.50" -> paise. Digits, at most one point, at most two
// decimals, nothing else (no sign, exponent or spaces). nullopt + reason otherwise.
std::optional<Paise> parse_decimal_rupees(std::string_view text, std::string* reason);

// "1000.50": always two decimals (the checkout page).
std::string rupees_two_decimals(Paise paise);

// "1000.0", "1000.5", "1000.05": the shortest decimal with at least one
// fraction digit, as the docs write amounts ("amount": "1.0").
std::string rupees_short_decimal(Paise paise);

// "1000" for whole rupees, otherwise rupees_short_decimal.
std::string rupees_integer_when_whole(Paise paise);

}  // namespace jodo::sandbox
