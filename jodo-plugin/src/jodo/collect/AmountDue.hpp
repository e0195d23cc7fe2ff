#pragma once

#include <vector>

#include "jodo/erp/Invoice.hpp"

namespace jodo {

// Line number of the details row that carries an amount owed beyond the
// invoice's lines (no ERP line has it).
constexpr int kBalanceLineNo = 0;
inline const char* const kBalanceComponent = "Payable Amount";

// The details rows sent to Jodo for `invoice`: they add up exactly to
// amount_due (docs/erp-mapping.md, "What is owed"):
// - lines that add up to amount_due are sent as they are;
// - when less is owed (part-paid, discount), what was paid is taken off the
//   lines in their order, first line first, and lines that reach zero are left
//   out: what is still owed sits on the last lines;
// - when more is owed than the lines say (or there are none), one more row
//   "Payable Amount" (line 0) carries the difference;
// - lines of zero or less (discount rows) are not sent; amount_due already
//   counts them.
// Empty when amount_due <= 0.
std::vector<InvoiceLine> lines_for_amount_due(const Invoice& invoice);

}  // namespace jodo
