// A plugin output that holds a JSON array of flat objects (the "lines" of
// status, the "items" of review_queue, the "audit" of audit_log) as rows of
// text: numbers and booleans as their JSON text, null as "".
#pragma once

#include <map>
#include <string>
#include <vector>

namespace host_sim::screen {

using JsonRow = std::map<std::string, std::string>;

// Empty when the text is not a JSON array (a plugin that sends something else
// shows nothing rather than breaking the page).
std::vector<JsonRow> json_rows(const std::string& text);

}  // namespace host_sim::screen
