// How amounts and times read on the accountant's screens: rupees with the ₹
// sign and Indian digit grouping (₹1,31,200.50), times in the school's
// timezone as a person writes them (6 Dec 2026, 10:22 am). One place, so every
// page, the CSV and the bulk confirmation read the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace host_sim::screen {

// "131200.5" -> "₹1,31,200.50"; "-42" -> "-₹42.00". Text that is not a
// decimal amount is returned unchanged (it is then visibly wrong, never
// silently reformatted); empty stays empty.
std::string rupees(const std::string& decimal);
std::string rupees_from_paise(std::int64_t paise);

// A count as Indian numbers are written: 10004 -> "10,004", 1234567 -> "12,34,567".
std::string indian_count(std::int64_t n);

// Exact paise of a decimal text with at most two places; nullopt otherwise.
std::optional<std::int64_t> paise_of(const std::string& decimal);

// An ISO 8601 instant ("2026-12-06T04:52:42Z", "+05:30" offsets, fractions)
// in the school's timezone: "6 Dec 2026, 10:22 am". A date alone
// ("2026-12-06") reads "6 Dec 2026". Unparseable text is returned unchanged.
std::string school_time(const std::string& iso);

// The school's timezone for every school_time() in this process: an IANA name
// (default Asia/Kolkata). Call once at start, before any thread formats a
// time. Throws std::invalid_argument naming the zone and why when this machine
// does not know it (tzdata missing; Asia/Kolkata works without it).
void use_school_timezone(const std::string& iana_name);

}  // namespace host_sim::screen
