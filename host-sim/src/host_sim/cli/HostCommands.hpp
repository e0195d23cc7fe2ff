#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "erp_plugin/plugin.hpp"
#include "host_sim/cli/HostConfig.hpp"

namespace host_sim {

// The commands an ERP administrator runs against a configured ERP
// (cli/HostConfig.hpp).
// Creates the reference ERP's tables and (with sample = true) its sample
// invoices, students and counter receipts.
// --sample --invoices N: N generated sample invoices besides (SampleInvoices.hpp).
int command_init(const HostConfig& config, bool sample, std::ostream& out,
                 long long sample_invoices = 0);
// Lists every setting each plugin declares, with the value the config sets
// (secrets never printed), and what is wrong with them. Non-zero when anything is.
int command_settings(const HostConfig& config, std::ostream& out);
// The administrator's check before going live (cli/CheckCommand.cpp).
int command_check(const HostConfig& config, std::ostream& out);
// Runs one plugin action, as an invoice screen button or a scheduled job would.
// `parameters` are the request's (e.g. grade=Grade 5 for collect_all).
int command_action(const HostConfig& config, const std::string& action, const std::string& invoice,
                   const erp_plugin::Fields& parameters, std::ostream& out);
// Serves the plugins' HTTP routes (webhooks) and runs their background work
// until SIGINT/SIGTERM, or for `seconds` when positive.
int command_serve(const HostConfig& config, int seconds, std::ostream& out);
// The invoice table read back from the database.
int command_invoices(const HostConfig& config, std::ostream& out);

}  // namespace host_sim
