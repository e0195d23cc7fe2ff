#include "host_sim/screen/SchoolDay.hpp"

#include <cstdio>
#include <ctime>

namespace host_sim::screen {

namespace {
// The process's TZ is the school's (use_school_timezone sets it at start).
std::tm local(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}
}  // namespace

std::string school_date(std::int64_t unix_seconds, int days) {
    // Noon of that day, moved by whole days: no daylight-saving edge reaches
    // the neighbouring date.
    std::tm tm = local(unix_seconds);
    tm.tm_hour = 12;
    tm.tm_min = tm.tm_sec = 0;
    tm.tm_mday += days;
    tm.tm_isdst = -1;
    const std::time_t moved = std::mktime(&tm);
    const std::tm day = local(moved);
    char text[64];  // room for any int, so -Wformat-truncation has nothing to say
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", day.tm_year + 1900, day.tm_mon + 1,
                  day.tm_mday);
    return text;
}

std::string school_utc_offset(std::int64_t unix_seconds) {
    const long offset = local(unix_seconds).tm_gmtoff;
    const long minutes = (offset < 0 ? -offset : offset) / 60;
    char text[64];  // room for any int, so -Wformat-truncation has nothing to say
    std::snprintf(text, sizeof text, "%c%02ld:%02ld", offset < 0 ? '-' : '+', minutes / 60,
                  minutes % 60);
    return text;
}

}  // namespace host_sim::screen
