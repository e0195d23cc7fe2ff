#pragma once

#include <ostream>
#include <string>

namespace host_sim {

// One action output as a terminal shows it: "key: value", or, when the value
// is a JSON array of objects (the audit_log action's "audit"), one indented
// line per object with its non-empty fields as name=value.
void print_output(std::ostream& out, const std::string& key, const std::string& value);

}  // namespace host_sim
