#include "host_sim/sandbox/StudentRecord.hpp"

#include <algorithm>

namespace jodo::sandbox {

Paise FeeComponent::due() const {
    Paise due = fee_amount;
    for (const auto& discount : discounts)
        due -= discount.value;
    return std::max<Paise>(due, 0);
}

Paise SandboxStudent::outstanding(const std::string& component) const {
    Paise due = 0;
    for (const auto& fee : fees)
        if (fee.component_type == component)
            due += fee.due();
    for (const auto& payment : payments) {
        if (payment.cancelled)
            continue;
        for (const auto& line : payment.lines)
            if (line.fee_component == component)
                due -= line.amount;
    }
    return std::max<Paise>(due, 0);
}

Paise SandboxStudent::total_outstanding() const {
    Paise total = 0;
    for (const auto& fee : fees)
        total += outstanding(fee.component_type);
    return total;
}

const StudentPayment* SandboxStudent::find_payment(const std::string& id) const {
    for (const auto& payment : payments)
        if (payment.id == id)
            return &payment;
    return nullptr;
}

}  // namespace jodo::sandbox
