#include "host_sim/sandbox/SandboxOrder.hpp"

namespace jodo::sandbox {

Paise SandboxOrder::total() const {
    Paise sum = 0;
    for (const auto& line : lines)
        sum += line.amount;
    return sum;
}

}  // namespace jodo::sandbox
