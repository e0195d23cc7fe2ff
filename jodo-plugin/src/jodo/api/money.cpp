#include "jodo/api/money.hpp"

#include <algorithm>
#include <typeinfo>

#include "jodo/api/text_excerpt.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo {

namespace {
// DECIMAL(14,2): at most 999,999,999,999.99 rupees. Far from int64 overflow.
constexpr Paise kMaxRupees = kMaxPaise / 100;
constexpr std::size_t kMaxPaiseDigits = 14;

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
// An exact verdict on a number as Poco renders a numeric Var: an optional
// '-', digits with an optional point, an optional exponent ("1e+15"); also
// "nan" and "inf". Works on the digit string, so no magnitude loses a digit.
std::optional<Paise> paise_from_number_text(std::string_view text, std::string* reason) {
    std::size_t i = 0;
    const bool negative = i < text.size() && text[i] == '-';
    if (negative)
        ++i;
    std::string digits;
    long fraction_digits = 0;
    bool seen_point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !seen_point) {
            seen_point = true;
        } else if (c >= '0' && c <= '9') {
            digits += c;
            fraction_digits += seen_point ? 1 : 0;
        } else {
            break;
        }
    }
    long exponent = 0;
    if (!digits.empty() && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        const bool exponent_negative = i < text.size() && text[i] == '-';
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            ++i;
        const std::size_t start = i;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
            exponent = std::min(exponent * 10 + (text[i] - '0'), 1000000L);
        if (i == start)
            digits.clear();
        if (exponent_negative)
            exponent = -exponent;
    }
    if (digits.empty() || i != text.size()) {
        fail(reason, "is not a valid amount");
        return std::nullopt;
    }
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos)
        return 0;  // zero, however written ("-0", "0.000")
    if (negative) {
        fail(reason, "is negative");
        return std::nullopt;
    }
    digits.erase(0, first);
    // value = digits * 10^(exponent - fraction_digits); paise = value * 100.
    const long scale = exponent - fraction_digits + 2;
    if (scale < 0) {
        const auto dropped = static_cast<std::size_t>(-scale);
        if (dropped >= digits.size() ||
            digits.find_first_not_of('0', digits.size() - dropped) != std::string::npos) {
            fail(reason, "has more than two decimals");
            return std::nullopt;
        }
        digits.resize(digits.size() - dropped);
    } else if (digits.size() + static_cast<std::size_t>(scale) <= kMaxPaiseDigits) {
        digits.append(static_cast<std::size_t>(scale), '0');
    } else {
        digits.assign(kMaxPaiseDigits + 1, '9');
    }
    if (digits.size() > kMaxPaiseDigits) {
        fail(reason, "is too large");
        return std::nullopt;
    }
    Paise paise = 0;
    for (char c : digits)
        paise = paise * 10 + (c - '0');
    return paise;
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

std::optional<Paise> parse_signed_rupees(std::string_view text, std::string* reason) {
    text = trim(text);
    const bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.remove_prefix(1);
    auto paise = parse_rupees(text, reason);
    if (paise && negative)
        return -*paise;
    return paise;
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
    if (value.type() == typeid(bool))
        throw WireError(field, "is neither a number nor a decimal string");
    if (value.isString()) {
        const auto& text = value.extract<std::string>();
        std::string reason;
        auto paise = parse_rupees(text, &reason);
        if (!paise)
            throw WireError(field, "\"" + excerpt(text) + "\" " + reason);
        return *paise;
    }
    if (value.isNumeric()) {
        // Int64 and UInt64 convert to their digits; a double to its shortest
        // round-trip form, which is the text Jodo sent (see money.hpp).
        const std::string text = value.convert<std::string>();
        std::string reason;
        auto paise = paise_from_number_text(text, &reason);
        if (!paise)
            throw WireError(field, excerpt(text) + " " + reason);
        return *paise;
    }
    throw WireError(field, "is neither a number nor a decimal string");
}

Poco::Dynamic::Var amount_to_json(Paise paise) {
    if (paise % 100 == 0)
        return Poco::Dynamic::Var(static_cast<Poco::Int64>(paise / 100));
    return Poco::Dynamic::Var(static_cast<double>(paise) / 100.0);
}

}  // namespace jodo
