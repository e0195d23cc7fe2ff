// Money is integer paise everywhere inside the connector. These functions are
// the only places where rupee text or JSON numbers become paise and back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <Poco/Dynamic/Var.h>

namespace jodo {

using Paise = std::int64_t;

// DECIMAL(14,2), the SQL type of every amount column, holds at most
// 999,999,999,999.99 rupees either side of zero.
inline constexpr Paise kMaxPaise = 99999999999999;
constexpr bool fits_decimal_14_2(Paise paise) {
    return paise >= -kMaxPaise && paise <= kMaxPaise;
}

// "1000", "1000.5", "1000.50", " 12.00 " -> paise. At most two decimals; no sign,
// no exponent. Returns nullopt and sets *reason when the text is not an amount.
std::optional<Paise> parse_rupees(std::string_view text, std::string* reason = nullptr);

// The same, with an optional leading minus ("-2000.00"): what an ERP holds
// for a concession line or an overpaid balance. Never for what Jodo sends.
std::optional<Paise> parse_signed_rupees(std::string_view text, std::string* reason = nullptr);

// "1000.50" for 100050.
std::string format_rupees(Paise paise);

// Reads an amount Jodo sent as a JSON number (1000, 1000.0) or string ("1.0").
// Decided exactly on decimal digits, never by double arithmetic: accepted are
// values from 0 to 999999999999.99 with at most two decimals that are not zero
// (1000.000 is 1000.00). A number is judged by its exact text: an int64's
// digits, a double's shortest round-trip form (json::parse_object hands over
// as strings every number a double cannot carry exactly, see
// json_exact_numbers.hpp), so 10000000.123 is refused, not rounded. Strings
// must be plain decimals (parse_rupees). Throws WireError naming `field` for
// anything else: negative, too large, a third decimal, an exponent, a bool.
Paise amount_from_json(const Poco::Dynamic::Var& value, const std::string& field);

// The JSON value we send for an amount: a number with the exact decimal
// rendering of the paise (doubles print their shortest round-trip form, so
// 1234.56 goes out as 1234.56). Never summed, only serialised.
Poco::Dynamic::Var amount_to_json(Paise paise);

}  // namespace jodo
