// The settlement report on the accountant's screen (issue 23, point 6; the
// ids are the shared UI contract's): what Jodo paid into the school's bank per
// day and per UTR, from the plugin's settlement_report action, to tick off
// against the bank statement.
//
//   GET /erp/settlement?from=YYYY-MM-DD&to=YYYY-MM-DD   (default: the last 7 days)
//   GET /erp/settlement.csv?from=...&to=...              the same rows as CSV
#pragma once

#include <cstdint>

#include "erp_plugin/plugin.hpp"
#include "host_sim/screen/Pages.hpp"
#include "host_sim/screen/ScreenHttp.hpp"

namespace host_sim::screen {

// Either path above; `now_unix_ms` decides the default days and the school's
// offset from UTC passed to the plugin.
ScreenResponse settlement_screen(erp_plugin::Plugin& plugin, const ScreenRequest& request,
                                 const PageContext& context, std::int64_t now_unix_ms);

// The plugin's parameters for days from..to in the school's timezone.
erp_plugin::Fields settlement_parameters(const std::string& from, const std::string& to,
                                         std::int64_t now_unix_ms);

}  // namespace host_sim::screen
