// Read-only actions for an invoice screen: what the module's own tables hold,
// without calling Jodo.
#pragma once

#include <string>

#include "erp_plugin/plugin.hpp"
#include "jodo/erp/CollectionReader.hpp"
#include "jodo/erp/StudentStore.hpp"

namespace jodo {

// Invoice action "status": the invoice's newest collection, its outputs as
// collect's plus collection_id, active, error_reason and "lines", a JSON array
// of {line_no, component_type, amount, paid_amount, settlement_utr,
// settled_at} (amounts as exact decimal text; paid_amount "" until paid).
// outputs "status" = "none" when the invoice was never collected.
erp_plugin::ActionResult invoice_status(CollectionReader& store, const std::string& invoice_id);

// Batch action "review_queue": outputs "count" and "items", a JSON array of
// {collection_id, invoice_id, kind, status, active, order_id, amount, paid_at,
// transaction_id, reason, updated_at} for every collection with a review
// reason or an unknown outcome (newest first, at most 500); and
// "student_count" and "student_items", {kind, id, student_id, state, reason,
// updated_at} for student-linked Pay (StudentStore::needing_review).
erp_plugin::ActionResult review_queue(CollectionReader& store, StudentStore& students);

}  // namespace jodo
