// Many realistic sample invoices for the reference ERP (host-sim init
// --sample --invoices N): what a school of a few thousand students holds, so
// that the invoice list, bulk collection and the benchmark meet the sizes an
// accountant meets.
#pragma once

#include <cstdint>

#include "host_sim/erp/ReferenceErp.hpp"

namespace host_sim {

// Adds sample invoices until the ERP holds `count` of them (their ids start
// with "INV-S"; run again, it adds only the missing ones). Each student has
// one invoice per academic year (2025-26 and 2026-27), in Grade 1 to 12 with
// sections A to D; names are Indian, some in Devanagari; three to five fee
// lines with the ERP's fee codes; statuses mixed, most left open. One
// transaction, one prepared statement per table. Returns how many it added.
// Deterministic: the same count gives the same invoices.
std::int64_t add_sample_invoices(ReferenceErp& erp, std::int64_t count);

}  // namespace host_sim
