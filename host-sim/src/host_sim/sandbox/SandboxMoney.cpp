#include "host_sim/sandbox/SandboxMoney.hpp"

namespace jodo::sandbox {

namespace {
std::optional<Paise> refuse(std::string* reason, const char* why) {
    if (reason)
        *reason = why;
    return std::nullopt;
}

// A test may make the sandbox report a negative amount (set_line_amount): the
// sign goes in front of the rupees, never into the paise digits.
std::string whole_rupees(Paise paise) {
    const std::string rupees = std::to_string(paise < 0 ? -(paise / 100) : paise / 100);
    return paise < 0 ? "-" + rupees : rupees;
}

std::string two_digits(Paise paise) {
    const auto cents = static_cast<int>(paise < 0 ? -(paise % 100) : paise % 100);
    return std::string(1, static_cast<char>('0' + cents / 10)) +
           static_cast<char>('0' + cents % 10);
}
}  // namespace

std::optional<Paise> parse_decimal_rupees(std::string_view text, std::string* reason) {
    if (text.empty())
        return refuse(reason, "is empty");
    const auto point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    if (whole.empty())
        return refuse(reason, "has no digits before the decimal point");
    if (point != std::string_view::npos && fraction.empty())
        return refuse(reason, "has no digits after the decimal point");
    if (fraction.size() > 2)
        return refuse(reason, "has more than two decimals");
    Paise rupees = 0;
    for (char c : whole) {
        if (c < '0' || c > '9')
            return refuse(reason, "is not a decimal number of rupees");
        if (rupees > kMaxPaise / 100)
            return refuse(reason, "is larger than 999999999999.99");
        rupees = rupees * 10 + (c - '0');
    }
    Paise cents = 0;
    for (char c : fraction) {
        if (c < '0' || c > '9')
            return refuse(reason, "is not a decimal number of rupees");
        cents = cents * 10 + (c - '0');
    }
    if (fraction.size() == 1)
        cents *= 10;
    if (rupees > kMaxPaise / 100)
        return refuse(reason, "is larger than 999999999999.99");
    return rupees * 100 + cents;
}

std::string rupees_two_decimals(Paise paise) {
    return whole_rupees(paise) + "." + two_digits(paise);
}

std::string rupees_short_decimal(Paise paise) {
    std::string cents = two_digits(paise);
    if (cents[1] == '0')
        cents.pop_back();
    return whole_rupees(paise) + "." + cents;
}

std::string rupees_integer_when_whole(Paise paise) {
    return paise % 100 == 0 ? whole_rupees(paise) : rupees_short_decimal(paise);
}

}  // namespace jodo::sandbox
