#include "host_sim/screen/IndianFormat.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include <Poco/DateTime.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/Timestamp.h>

namespace host_sim::screen {

namespace {

// 1,31,200: the last three digits, then groups of two (lakh, crore).
std::string indian_grouping(const std::string& digits) {
    if (digits.size() <= 3)
        return digits;
    std::string head = digits.substr(0, digits.size() - 3);
    std::string out;
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (i > 0 && (head.size() - i) % 2 == 0)
            out += ',';
        out += head[i];
    }
    return out + ',' + digits.substr(digits.size() - 3);
}

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool is_date_only(const std::string& text) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

}  // namespace

std::optional<std::int64_t> paise_of(const std::string& decimal) {
    std::size_t i = 0;
    const bool negative = !decimal.empty() && decimal[0] == '-';
    if (negative)
        i = 1;
    std::int64_t rupee_part = 0;
    std::size_t digits = 0;
    for (; i < decimal.size() && decimal[i] >= '0' && decimal[i] <= '9'; ++i, ++digits) {
        if (digits >= 15)
            return std::nullopt;
        rupee_part = rupee_part * 10 + (decimal[i] - '0');
    }
    if (digits == 0)
        return std::nullopt;
    std::int64_t fraction = 0;
    if (i < decimal.size()) {
        if (decimal[i] != '.')
            return std::nullopt;
        std::size_t places = 0;
        for (++i; i < decimal.size(); ++i, ++places) {
            if (decimal[i] < '0' || decimal[i] > '9' || places >= 2)
                return std::nullopt;
            fraction = fraction * 10 + (decimal[i] - '0');
        }
        if (places == 1)
            fraction *= 10;
    }
    const std::int64_t paise = rupee_part * 100 + fraction;
    return negative ? -paise : paise;
}

std::string rupees_from_paise(std::int64_t paise) {
    const bool negative = paise < 0;
    const std::uint64_t magnitude =
        negative ? std::uint64_t(0) - static_cast<std::uint64_t>(paise) : std::uint64_t(paise);
    const std::uint64_t fraction = magnitude % 100;
    return std::string(negative ? "-" : "") + "\u20B9" +
           indian_grouping(std::to_string(magnitude / 100)) + "." + (fraction < 10 ? "0" : "") +
           std::to_string(fraction);
}

std::string indian_count(std::int64_t n) {
    const std::uint64_t magnitude =
        n < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(n) : std::uint64_t(n);
    return (n < 0 ? "-" : "") + indian_grouping(std::to_string(magnitude));
}

std::string rupees(const std::string& decimal) {
    const auto paise = paise_of(decimal);
    return paise ? rupees_from_paise(*paise) : decimal;
}

std::string school_time(const std::string& iso) {
    if (iso.empty())
        return iso;
    if (is_date_only(iso)) {
        try {
            int tzd = 0;
            const Poco::DateTime d = Poco::DateTimeParser::parse("%Y-%m-%d", iso, tzd);
            return std::to_string(d.day()) + " " + kMonths[d.month() - 1] + " " +
                   std::to_string(d.year());
        } catch (const Poco::Exception&) {
            return iso;
        }
    }
    std::time_t seconds = 0;
    try {
        int tzd = 0;
        Poco::DateTime parsed;
        if (!Poco::DateTimeParser::tryParse(iso, parsed, tzd))
            return iso;
        parsed.makeUTC(tzd);
        seconds = parsed.timestamp().epochTime();
    } catch (const Poco::Exception&) {
        return iso;
    }
    std::tm local{};
    if (!localtime_r(&seconds, &local))
        return iso;
    const int hour12 = local.tm_hour % 12 == 0 ? 12 : local.tm_hour % 12;
    return std::to_string(local.tm_mday) + " " + kMonths[local.tm_mon] + " " +
           std::to_string(local.tm_year + 1900) + ", " + std::to_string(hour12) + ":" +
           (local.tm_min < 10 ? "0" : "") + std::to_string(local.tm_min) +
           (local.tm_hour < 12 ? " am" : " pm");
}

void use_school_timezone(const std::string& iana_name) {
    const std::string name = iana_name.empty() ? "Asia/Kolkata" : iana_name;
    if (name.find("..") != std::string::npos || name.front() == '/')
        throw std::invalid_argument("timezone \"" + name +
                                    "\" is not a timezone name such as Asia/Kolkata");
    std::string tz;
    if (std::filesystem::exists("/usr/share/zoneinfo/" + name))
        tz = ":" + name;
    else if (name == "Asia/Kolkata" || name == "Asia/Calcutta")
        tz = "IST-5:30";  // India has one offset and no daylight saving: no tzdata needed
    else
        throw std::invalid_argument("timezone \"" + name +
                                    "\" is not known on this machine (no "
                                    "/usr/share/zoneinfo/" +
                                    name + "; install tzdata or check the spelling)");
    ::setenv("TZ", tz.c_str(), 1);
    ::tzset();
}

}  // namespace host_sim::screen
