#pragma once

#include <iosfwd>

#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"

namespace host_sim {

// The demo's student-linked Pay steps, from step `first`, on the sample
// students: registered once (a second sync sends nothing), a parent paying in
// Jodo's app becomes one ERP receipt, the counter's receipts reach Jodo.
// True when all of that happened.
bool run_student_demo(PluginHost& host, jodo::sandbox::JodoSandbox& sandbox, ReferenceErp& erp,
                      int first, std::ostream& out);

}  // namespace host_sim
