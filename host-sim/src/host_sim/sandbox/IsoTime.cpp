#include "host_sim/sandbox/IsoTime.hpp"

#include <cstdio>

namespace jodo::sandbox {

namespace {

// Howard Hinnant's civil calendar algorithms (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

unsigned days_in_month(std::int64_t y, unsigned m) {
    static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool digits(std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9')
                return false;
            out = out * 10 + (text_[pos_++] - '0');
        }
        return true;
    }
    bool literal(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool at_end() const { return pos_ == text_.size(); }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skip() { ++pos_; }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

std::optional<std::int64_t> fail(std::string* reason, const char* why) {
    if (reason)
        *reason = why;
    return std::nullopt;
}

}  // namespace

std::string format_iso_utc(std::int64_t unix_seconds) {
    std::int64_t days = unix_seconds / 86400;
    std::int64_t rest = unix_seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    std::int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil_from_days(days, y, m, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                  d, static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60),
                  static_cast<int>(rest % 60));
    return buf;
}

std::optional<std::int64_t> parse_iso_instant(std::string_view text, std::string* reason) {
    Reader r(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!r.digits(4, year) || !r.literal('-') || !r.digits(2, month) || !r.literal('-') ||
        !r.digits(2, day))
        return fail(reason, "is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)");
    if (!(r.literal('T') || r.literal('t')))
        return fail(reason, "is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)");
    if (!r.digits(2, hour) || !r.literal(':') || !r.digits(2, minute) || !r.literal(':') ||
        !r.digits(2, second))
        return fail(reason, "is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)");
    if (r.literal('.')) {
        int ignored = 0;
        if (!r.digits(1, ignored))
            return fail(reason, "has an empty fraction of a second");
        while (r.peek() >= '0' && r.peek() <= '9')
            r.skip();
    }
    if (month < 1 || month > 12 || day < 1 ||
        static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month)) ||
        hour > 23 || minute > 59 || second > 59)
        return fail(reason, "is not a valid calendar date and time");

    int offset_seconds = 0;
    if (r.literal('Z') || r.literal('z')) {
        // UTC
    } else if (r.peek() == '+' || r.peek() == '-') {
        const int sign = r.peek() == '-' ? -1 : 1;
        r.skip();
        int oh = 0, om = 0;
        if (!r.digits(2, oh))
            return fail(reason, "has a malformed UTC offset");
        if (r.literal(':')) {
            if (!r.digits(2, om))
                return fail(reason, "has a malformed UTC offset");
        } else if (!r.at_end() && !r.digits(2, om)) {
            return fail(reason, "has a malformed UTC offset");
        }
        if (oh > 23 || om > 59)
            return fail(reason, "has a malformed UTC offset");
        offset_seconds = sign * (oh * 3600 + om * 60);
    } else if (r.at_end()) {
        return fail(reason, "has no time zone (end it with Z or an offset such as +05:30)");
    }
    if (!r.at_end())
        return fail(reason, "has unexpected text after the time zone");

    const std::int64_t local =
        days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
        hour * 3600 + minute * 60 + second;
    return local - offset_seconds;
}

}  // namespace jodo::sandbox
