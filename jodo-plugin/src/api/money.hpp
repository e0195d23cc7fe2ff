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

// "1000", "1000.5", "1000.50", " 12.00 " -> paise. At most two decimals; no sign,
// no exponent. Returns nullopt and sets *reason when the text is not an amount.
std::optional<Paise> parse_rupees(std::string_view text, std::string* reason = nullptr);

// "1000.50" for 100050.
std::string format_rupees(Paise paise);

// Reads an amount Jodo sent as a JSON number (1000, 1000.0) or string ("1.0").
// Throws WireError naming `field` when it is anything else.
Paise amount_from_json(const Poco::Dynamic::Var& value, const std::string& field);

// The JSON value we send for an amount: a number with the exact decimal
// rendering of the paise (doubles print their shortest round-trip form, so
// 1234.56 goes out as 1234.56). Never summed, only serialised.
Poco::Dynamic::Var amount_to_json(Paise paise);

}  // namespace jodo
