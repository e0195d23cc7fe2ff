#pragma once

#include <string>

#include "jodo/api/PayOrderRequest.hpp"
#include "jodo/erp/Invoice.hpp"

namespace jodo {

// How many characters each text field may have when sent to Jodo (the docs
// give no limits; docs/jodo-choices.md). Longer text is cut at a character
// boundary; an invoice id is never cut (InvoiceValidator refuses it).
namespace jodo_text_limit {
constexpr std::size_t name = 100;
constexpr std::size_t student_name = 100;
constexpr std::size_t grade = 50;
constexpr std::size_t identifier = 100;
constexpr std::size_t custom_identifier = 100;
constexpr std::size_t component_type = 100;
constexpr std::size_t invoice_id = 140;
}  // namespace jodo_text_limit

// One Pay Order for one (validated) invoice: details that add up to what is
// owed (jodo/collect/AmountDue.hpp), the payer as the invoice names them, the
// student's identifier as `identifier`, the ERP references in notes.
PayOrderRequest map_invoice_to_pay_order(const Invoice& invoice, const std::string& collection_id,
                                         const std::string& callback_url);

}  // namespace jodo
