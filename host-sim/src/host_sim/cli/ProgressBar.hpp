#pragma once

#include <ostream>
#include <string>

#include "erp_plugin/progress.hpp"

namespace host_sim {

// One line a terminal redraws in place: "[#####.....]  120/10000  created 118  errors 2".
std::string render_progress_line(const erp_plugin::JobProgress& progress, int width = 30);

// Draws batch progress on `out` when it is a terminal (carriage return, one
// line); prints nothing otherwise, so piped output stays the final result only.
class TerminalProgressBar {
  public:
    TerminalProgressBar(std::ostream& out, bool is_terminal) : out_(out), enabled_(is_terminal) {}
    void draw(const erp_plugin::JobProgress& progress);

  private:
    std::ostream& out_;
    bool enabled_;
};

}  // namespace host_sim
