// Poco's JSON parser turns every number into an int64, a uint64 or a double
// and keeps no text, so 100.000000000000001 arrives as 100 and
// 18446744073709551616 as 0. Before parsing we rewrite each number token that
// those types cannot carry exactly into a JSON string holding its exact text;
// readers then judge the digits Jodo wrote (amounts: jodo/api/money.hpp).
#pragma once

#include <string>
#include <string_view>

namespace jodo::json {

// Kept as numbers: integers of at most 18 digits (int64 holds them) and
// decimals without an exponent of at most 15 digits in all (a double holds
// every such value exactly: DBL_DIG is 15). Every other valid number token in
// a value position becomes a string of the same characters. Anything that is
// not a valid JSON number, or a number where JSON wants a key, is left alone
// for the parser to refuse.
std::string quote_inexact_numbers(std::string_view body);

}  // namespace jodo::json
