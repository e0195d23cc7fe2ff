// One CSV cell (RFC 4180) as a spreadsheet will open it.
#pragma once

#include <string>

namespace host_sim {

// Quoted when it holds a comma, quote, CR or LF (quotes doubled). Text that
// starts with = + - @ (or a tab or CR) gets a leading ' first: a spreadsheet
// would otherwise run ERP data such as =HYPERLINK(...) as a formula. So a
// negative amount must not pass through here: the caller writes numbers it
// made itself with csv_number().
std::string csv_cell(const std::string& text);

// A number the host formatted itself (a decimal amount, a count), as is.
inline std::string csv_number(const std::string& decimal) {
    return decimal;
}

}  // namespace host_sim
