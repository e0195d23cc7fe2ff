// The school's calendar for reports asked by date: which day it is in the
// school's timezone ([host] timezone, screen::use_school_timezone) and the
// offset from UTC a plugin needs to cut days the same way.
#pragma once

#include <cstdint>
#include <string>

namespace host_sim::screen {

// "2026-12-07": the school's date at `unix_seconds`, moved by `days`.
std::string school_date(std::int64_t unix_seconds, int days = 0);

// "+05:30": the school's offset from UTC at `unix_seconds`.
std::string school_utc_offset(std::int64_t unix_seconds);

}  // namespace host_sim::screen
