// The settlement report: what Jodo paid into the school's bank, per school
// day and per UTR, so an accountant can tick it off against the bank
// statement (one credit per UTR). Days are the school's, not UTC's: a
// settlement at 20:00 UTC lands on the next day's statement in India.
#include "jodo/plugin/SettlementReport.hpp"

#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

namespace jodo {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil), and back: exact for every date, no time zone library.
int days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string civil_from_days(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    const int y = yoe + era * 400 + (m <= 2);
    char text[64];  // room for any int, so -Wformat-truncation has nothing to say
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
    return text;
}

bool digits(const std::string& s, std::size_t at, std::size_t n, int* value) {
    if (at + n > s.size())
        return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

// "YYYY-MM-DD" at the start of `s` -> days since the epoch; a date that does
// not exist (2026-02-30) is nullopt, not the next month.
std::optional<int> date_days(const std::string& s) {
    int y = 0, m = 0, d = 0;
    if (s.size() < 10 || !digits(s, 0, 4, &y) || s[4] != '-' || !digits(s, 5, 2, &m) ||
        s[7] != '-' || !digits(s, 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31)
        return std::nullopt;
    const int days = days_from_civil(y, m, d);
    if (civil_from_days(days) != s.substr(0, 10))
        return std::nullopt;
    return days;
}

// "Z", "+05:30", "-0400", "+05" -> minutes east of UTC.
std::optional<int> offset_minutes(const std::string& s) {
    if (s == "Z" || s == "z")
        return 0;
    if (s.size() < 3 || (s[0] != '+' && s[0] != '-'))
        return std::nullopt;
    int h = 0, m = 0;
    if (!digits(s, 1, 2, &h))
        return std::nullopt;
    const std::string rest = s.substr(3);
    if (!rest.empty() && !(rest.size() == 3 && rest[0] == ':' && digits(rest, 1, 2, &m)) &&
        !(rest.size() == 2 && digits(rest, 0, 2, &m)))
        return std::nullopt;
    if (h > 14 || m > 59)
        return std::nullopt;
    return (s[0] == '-' ? -1 : 1) * (h * 60 + m);
}

// An ISO 8601 instant -> seconds since the epoch. Without a zone it is UTC,
// as every time the module stores is.
std::optional<long long> instant_seconds(const std::string& s) {
    const auto days = date_days(s);
    int hh = 0, mm = 0, ss = 0;
    if (!days || s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, &hh) ||
        s[13] != ':' || !digits(s, 14, 2, &mm) || s[16] != ':' || !digits(s, 17, 2, &ss) ||
        hh > 23 || mm > 59 || ss > 60)
        return std::nullopt;
    std::size_t at = 19;
    if (at < s.size() && s[at] == '.') {
        ++at;
        while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at])))
            ++at;
    }
    int offset = 0;
    if (at < s.size()) {
        const auto o = offset_minutes(s.substr(at));
        if (!o)
            return std::nullopt;
        offset = *o;
    }
    return (long long)*days * 86400 + hh * 3600 + mm * 60 + ss - offset * 60LL;
}

int floor_div(long long a, long long b) {
    return static_cast<int>(a >= 0 ? a / b : -((-a + b - 1) / b));
}

// A student-linked payment settles no invoice: it counts under students.
struct Tally {
    std::set<std::string> payments, invoices, students, utrs;
    long lines = 0;
    Paise total = 0;
    void add(const SettledLine& l) {
        payments.insert(l.collection_id);
        if (!l.invoice_id.empty())
            invoices.insert(l.invoice_id);
        else
            students.insert(l.student_id);
        utrs.insert(l.utr);
        ++lines;
        total += l.amount;
    }
    void put(erp_plugin::Fields& out, const std::string& prefix) const {
        out.emplace_back(prefix + "payments", std::to_string(payments.size()));
        out.emplace_back(prefix + "invoices", std::to_string(invoices.size()));
        out.emplace_back(prefix + "students", std::to_string(students.size()));
        out.emplace_back(prefix + "lines", std::to_string(lines));
        out.emplace_back(prefix + "total", format_rupees(total));
    }
};

std::string joined(const std::set<std::string>& ids) {
    std::string out;
    for (const auto& id : ids)
        out += (out.empty() ? "" : ", ") + id;
    return out;
}

std::string required(const erp_plugin::Fields& parameters, const char* name) {
    const std::string* value = erp_plugin::find_field(parameters, name);
    if (!value || value->empty())
        throw std::invalid_argument(std::string("parameter ") + name +
                                    " is missing: a date such as 2026-12-01");
    return *value;
}

}  // namespace

SettlementWindow settlement_window(const erp_plugin::Fields& parameters) {
    SettlementWindow w;
    w.from = required(parameters, "from");
    w.to = required(parameters, "to");
    for (const auto* p : {&w.from, &w.to}) {
        const auto days = p->size() == 10 ? date_days(*p) : std::nullopt;
        if (!days)
            throw std::invalid_argument("parameter " + std::string(p == &w.from ? "from" : "to") +
                                        " = \"" + *p + "\" is not a date YYYY-MM-DD");
        (p == &w.from ? w.from_days : w.to_days) = *days;
    }
    if (w.to_days < w.from_days)
        throw std::invalid_argument("parameter to = " + w.to + " is before from = " + w.from);
    if (w.to_days - w.from_days > 365)
        throw std::invalid_argument("parameter to = " + w.to +
                                    " is more than 366 days after from: ask for a year at most");
    const std::string* offset = erp_plugin::find_field(parameters, "utc_offset");
    w.utc_offset = offset && !offset->empty() ? *offset : "+05:30";
    const auto minutes = offset_minutes(w.utc_offset);
    if (!minutes)
        throw std::invalid_argument("parameter utc_offset = \"" + w.utc_offset +
                                    "\" is not an offset such as +05:30 or Z");
    w.offset_minutes = *minutes;
    return w;
}

erp_plugin::Fields settlement_outputs(const std::vector<SettledLine>& lines,
                                      const SettlementWindow& window) {
    std::map<int, Tally> days;
    std::map<std::pair<int, std::string>, Tally> rows;
    Tally grand;
    long unreadable = 0;
    for (const auto& l : lines) {
        const auto at = instant_seconds(l.settled_at);
        if (!at) {
            ++unreadable;
            continue;
        }
        const int day = floor_div(*at + window.offset_minutes * 60LL, 86400);
        if (day < window.from_days || day > window.to_days)
            continue;
        days[day].add(l);
        rows[{day, l.utr}].add(l);
        grand.add(l);
    }
    erp_plugin::Fields out = {
        {"from", window.from}, {"to", window.to}, {"utc_offset", window.utc_offset}};
    out.emplace_back("rows", std::to_string(rows.size()));
    int n = 0;
    for (const auto& [key, tally] : rows) {
        const std::string prefix = "row." + std::to_string(++n) + ".";
        out.emplace_back(prefix + "day", civil_from_days(key.first));
        out.emplace_back(prefix + "utr", key.second);
        tally.put(out, prefix);
        out.emplace_back(prefix + "invoice_ids", joined(tally.invoices));
        out.emplace_back(prefix + "student_ids", joined(tally.students));
    }
    out.emplace_back("days", std::to_string(days.size()));
    n = 0;
    for (const auto& [day, tally] : days) {
        const std::string prefix = "day." + std::to_string(++n) + ".";
        out.emplace_back(prefix + "day", civil_from_days(day));
        out.emplace_back(prefix + "utrs", std::to_string(tally.utrs.size()));
        tally.put(out, prefix);
    }
    grand.put(out, "total.");
    out.emplace_back("unreadable", std::to_string(unreadable));
    return out;
}

erp_plugin::ActionResult settlement_report(Database& db, const erp_plugin::Fields& parameters) {
    erp_plugin::ActionResult result;
    SettlementWindow window;
    try {
        window = settlement_window(parameters);
    } catch (const std::invalid_argument& e) {
        result.status = erp_plugin::Status::error(erp_plugin::StatusCode::invalid_input, e.what());
        return result;
    }
    // Stored times are compared as text: a day either side covers every
    // offset a settled_at can carry (at most 14 hours).
    const auto lines = settled_lines(db, civil_from_days(window.from_days - 1),
                                     civil_from_days(window.to_days + 2));
    result.outputs = settlement_outputs(lines, window);
    return result;
}

}  // namespace jodo
