#include "jodo/collect/AmountDue.hpp"

#include <algorithm>

namespace jodo {

std::vector<InvoiceLine> lines_for_amount_due(const Invoice& invoice) {
    std::vector<InvoiceLine> out;
    if (invoice.amount_due <= 0)
        return out;
    Paise positive = 0;
    for (const auto& line : invoice.lines)
        if (line.amount > 0) {
            out.push_back(line);
            positive += line.amount;
        }
    if (positive < invoice.amount_due) {
        out.push_back({kBalanceLineNo, kBalanceComponent, invoice.amount_due - positive});
        return out;
    }
    Paise to_take = positive - invoice.amount_due;
    std::vector<InvoiceLine> owed;
    for (auto& line : out) {
        const Paise taken = std::min(line.amount, to_take);
        to_take -= taken;
        line.amount -= taken;
        if (line.amount > 0)
            owed.push_back(line);
    }
    return owed;
}

}  // namespace jodo
