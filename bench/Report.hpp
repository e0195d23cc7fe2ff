// One line per figure: what was measured, the figure, the target from issue
// 10 and whether it is met. Every line starts with "figure " and a name, so a
// script (and the smoke test) can find each one.
#pragma once

#include <string>

namespace bench {

struct Verdict {
    std::string target;  // empty: no target for this figure
    bool met = false;
};

void print_figure(const std::string& name, const std::string& what, const std::string& value,
                  const Verdict& verdict = {});
// A figure that could not be measured in this run (and why).
void print_skipped(const std::string& name, const std::string& what, const std::string& why);

std::string fixed(double value, int decimals);

}  // namespace bench
