#include "api/money.hpp"

#include <cmath>
#include <limits>

#include <Poco/Exception.h>

#include "api/wire_error.hpp"

namespace jodo {

namespace {
// DECIMAL(14,2): at most 999,999,999,999.99 rupees. Far from int64 overflow.
constexpr Paise kMaxRupees = 999999999999;

bool fail(std::string* reason, const char* why) {
    if (reason)
        *reason = why;
    return false;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}
}  // namespace

std::optional<Paise> parse_rupees(std::string_view text, std::string* reason) {
    text = trim(text);
    if (text.empty()) {
        fail(reason, "is empty");
        return std::nullopt;
    }
    Paise rupees = 0;
    Paise fraction = 0;
    int fraction_digits = 0;
    bool seen_point = false;
    bool seen_digit = false;
    for (char c : text) {
        if (c == '.') {
            if (seen_point) {
                fail(reason, "has two decimal points");
                return std::nullopt;
            }
            seen_point = true;
            continue;
        }
        if (c < '0' || c > '9') {
            fail(reason, "is not a plain decimal amount");
            return std::nullopt;
        }
        seen_digit = true;
        const int digit = c - '0';
        if (seen_point) {
            // Trailing zeros beyond paise are harmless ("1.000"); anything else is not.
            if (fraction_digits >= 2) {
                if (digit != 0) {
                    fail(reason, "has more than two decimals");
                    return std::nullopt;
                }
                continue;
            }
            fraction = fraction * 10 + digit;
            ++fraction_digits;
        } else {
            if (rupees > (kMaxRupees - digit) / 10) {
                fail(reason, "is too large");
                return std::nullopt;
            }
            rupees = rupees * 10 + digit;
        }
    }
    if (!seen_digit) {
        fail(reason, "has no digits");
        return std::nullopt;
    }
    if (fraction_digits == 1)
        fraction *= 10;
    return rupees * 100 + fraction;
}

std::string format_rupees(Paise paise) {
    const bool negative = paise < 0;
    const std::uint64_t magnitude =
        negative ? static_cast<std::uint64_t>(-(paise + 1)) + 1 : static_cast<std::uint64_t>(paise);
    std::string cents = std::to_string(magnitude % 100);
    if (cents.size() < 2)
        cents.insert(0, "0");
    return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

Paise amount_from_json(const Poco::Dynamic::Var& value, const std::string& field) {
    if (value.isEmpty())
        throw WireError(field, "is missing");
    if (value.isString()) {
        std::string reason;
        auto paise = parse_rupees(value.extract<std::string>(), &reason);
        if (!paise)
            throw WireError(field, "\"" + value.extract<std::string>() + "\" " + reason);
        return *paise;
    }
    if (value.isInteger()) {
        // Poco reads integers past int64 as UInt64; converting those throws
        // Poco::RangeException, which no WireError handler would catch.
        Poco::Int64 rupees = 0;
        try {
            rupees = value.convert<Poco::Int64>();
        } catch (const Poco::RangeException&) {
            throw WireError(field, "is too large");
        }
        if (rupees < 0)
            throw WireError(field, "is negative");
        if (rupees > kMaxRupees)
            throw WireError(field, "is too large");
        return rupees * 100;
    }
    if (value.isNumeric()) {
        const double rupees = value.convert<double>();
        if (!std::isfinite(rupees) || rupees < 0)
            throw WireError(field, "is not a valid amount");
        if (rupees > static_cast<double>(kMaxRupees))
            throw WireError(field, "is too large");
        // A double carrying a two-decimal amount is within a hair of a whole
        // number of paise; anything further off had more than two decimals.
        const double scaled = rupees * 100.0;
        const double rounded = std::round(scaled);
        // Relative to the value, far below half a paisa for any amount we accept.
        if (std::fabs(scaled - rounded) > 1e-9 * std::max(1.0, std::fabs(scaled)))
            throw WireError(field, "has more than two decimals");
        return static_cast<Paise>(rounded);
    }
    throw WireError(field, "is neither a number nor a decimal string");
}

Poco::Dynamic::Var amount_to_json(Paise paise) {
    if (paise % 100 == 0)
        return Poco::Dynamic::Var(static_cast<Poco::Int64>(paise / 100));
    return Poco::Dynamic::Var(static_cast<double>(paise) / 100.0);
}

}  // namespace jodo
