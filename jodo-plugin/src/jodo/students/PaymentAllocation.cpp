#include "jodo/students/PaymentAllocation.hpp"

#include <algorithm>

namespace jodo {

Allocation allocate_payment(const StudentPayment& payment, const std::vector<OpenBill>& bills) {
    Allocation out;
    std::vector<Paise> left;  // what each bill still owes as lines are placed
    for (const auto& bill : bills)
        left.push_back(std::max<Paise>(bill.amount_due, 0));
    int line_no = 0;
    for (const auto& line : payment.details) {
        Paise remaining = line.amount;
        for (std::size_t i = 0; i < bills.size() && remaining > 0; ++i) {
            if (bills[i].component_type != line.fee_component || left[i] == 0)
                continue;
            const Paise taken = std::min(remaining, left[i]);
            left[i] -= taken;
            remaining -= taken;
            out.pieces.push_back(
                {++line_no, line.fee_component, taken, bills[i].invoice_id, bills[i].line_no});
        }
        if (remaining > 0) {
            out.pieces.push_back({++line_no, line.fee_component, remaining, "", std::nullopt});
            out.advance += remaining;
        }
    }
    if (payment.details.empty() && payment.amount > 0) {
        // No breakdown: nothing to match a bill by.
        out.pieces.push_back({1, "", payment.amount, "", std::nullopt});
        out.advance = payment.amount;
    }
    return out;
}

}  // namespace jodo
