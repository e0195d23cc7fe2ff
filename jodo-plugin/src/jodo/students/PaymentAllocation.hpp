#pragma once

#include <vector>

#include "jodo/erp/StudentRecords.hpp"

namespace jodo {

struct Allocation {
    std::vector<AllocatedPiece> pieces;
    Paise advance = 0;  // what no open bill took
};

// The documented rule (docs/erp-mapping.md, "Allocating a payment made in
// Jodo"): each component line of the payment goes to the student's open bill
// lines of the same component_type, in the order the ERP listed them (oldest
// first), each up to what it still owes; what is left of the line is one
// advance piece without an invoice. Pieces are numbered 1..n in that order.
// Pure: the bills are not changed.
Allocation allocate_payment(const StudentPayment& payment, const std::vector<OpenBill>& bills);

}  // namespace jodo
