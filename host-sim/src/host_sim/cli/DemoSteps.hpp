// How the demo prints a step and an action's result (LifecycleDemo, StudentDemo).
#pragma once

#include <ostream>
#include <string>

#include "erp_plugin/plugin.hpp"

namespace host_sim {

inline void demo_step(std::ostream& out, int n, const std::string& text) {
    out << "\n[" << n << "] " << text << "\n";
}

inline bool show_result(std::ostream& out, const erp_plugin::ActionResult& result) {
    if (!result.status.ok()) {
        out << "    -> " << erp_plugin::to_string(result.status.code) << ": "
            << result.status.message << "\n";
        return false;
    }
    for (const auto& [key, value] : result.outputs)
        if (!value.empty() && key != "message")
            out << "    " << key << ": " << value << "\n";
    return true;
}

}  // namespace host_sim
