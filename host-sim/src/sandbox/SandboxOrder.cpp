#include "sandbox/SandboxOrder.hpp"

namespace jodo::sandbox {

jodo::Paise SandboxOrder::total() const {
    jodo::Paise sum = 0;
    for (const auto& line : lines)
        sum += line.amount;
    return sum;
}

}  // namespace jodo::sandbox
