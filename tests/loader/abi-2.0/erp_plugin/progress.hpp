// How far a long batch action has got: what a host draws as a progress bar
// while run_action() of a batch job is still running.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace erp_plugin {

struct JobProgress {
    std::string action;  // the batch action, e.g. "collect_all"
    // The request's "job" parameter when the host passed one, so a host running
    // several jobs at once tells them apart; empty otherwise.
    std::string job;
    std::uint64_t done = 0;   // items finished so far
    std::uint64_t total = 0;  // items in the job; 0 while not known yet
    // Running counts under the keys the final ActionResult will carry, e.g.
    // {"created", "12"}, {"errors", "1"}.
    std::vector<std::pair<std::string, std::string>> counts;
    bool finished = false;  // the last report of this job
};

}  // namespace erp_plugin
