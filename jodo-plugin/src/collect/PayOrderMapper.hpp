#pragma once

#include <string>

#include "api/PayOrderRequest.hpp"
#include "erp/Invoice.hpp"

namespace jodo {

// Note keys that carry the ERP reference to Jodo and back in webhooks.
inline const std::string kNoteInvoiceId = "erp_invoice_id";
inline const std::string kNoteCollectionId = "erp_collection_id";

// One Pay Order for one (validated) invoice: one details row per invoice line,
// the payer as the invoice names them, the ERP references in notes.
PayOrderRequest map_invoice_to_pay_order(const Invoice& invoice, const std::string& collection_id,
                                         const std::string& callback_url);

}  // namespace jodo
