#pragma once

#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/SettlementReader.hpp"

namespace jodo {

// What the settlement_report action was asked for: school days from..to,
// inclusive, in a fixed offset from UTC.
struct SettlementWindow {
    int from_days = 0;  // days since 1970-01-01
    int to_days = 0;
    int offset_minutes = 330;  // +05:30, India; the host passes its [host] timezone's
    std::string from, to, utc_offset;
};

// Reads the parameters from, to (YYYY-MM-DD) and utc_offset ("+05:30", "Z";
// default +05:30). Throws std::invalid_argument naming the parameter that is
// missing or malformed, or `to` when the range is backwards or over 366 days.
SettlementWindow settlement_window(const erp_plugin::Fields& parameters);

// The report of `lines` (any order) that fall in `window`, as the action's
// outputs (documented in jodo-plugin/README.md, "settlement_report"):
//   from, to, utc_offset; rows, row.N.{day,utr,payments,invoices,students,
//   lines,total,invoice_ids,student_ids}; days, day.N.{day,utrs,payments,
//   invoices,students,lines,total}; total.{payments,invoices,students,lines,
//   total}; unreadable (lines whose settled_at
//   is no ISO 8601 instant, left out). N counts from 1; days and rows in
//   date order, rows of a day by UTR. Amounts are exact decimal text.
erp_plugin::Fields settlement_outputs(const std::vector<SettledLine>& lines,
                                      const SettlementWindow& window);

// The batch action: the window from the parameters, the settled lines of the
// module's tables, the outputs above. Bad parameters: invalid_input.
erp_plugin::ActionResult settlement_report(Database& db, const erp_plugin::Fields& parameters);

}  // namespace jodo
