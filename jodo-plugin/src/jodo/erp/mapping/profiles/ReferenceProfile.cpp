// host-sim's reference ERP (sql/common/erp): the module reads its invoices and
// posts receipts into erp_receipts, reducing erp_invoices.outstanding_amount;
// its students (ReferenceStudents.cpp) where the database has them.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

ErpProfile reference(const ErpSchema& schema) {
    ErpProfile profile{"reference",
                       {{"invoice", R"SQL(
SELECT i.invoice_id, p.name AS payer_name, p.phone, p.email,
       i.outstanding_amount AS amount_due, p.student_id, p.student_name, p.grade,
       i.academic_year_start, i.academic_year_end, i.description
FROM erp_invoices i JOIN erp_payers p ON p.payer_id = i.payer_id
WHERE i.invoice_id = :invoice_id)SQL"},
                        {"lines", R"SQL(
SELECT line_no, fee_component AS component_type, amount
FROM erp_invoice_lines WHERE invoice_id = :invoice_id ORDER BY line_no)SQL"},
                        {"open_invoices", R"SQL(
SELECT i.invoice_id
FROM erp_invoices i JOIN erp_payers p ON p.payer_id = i.payer_id
WHERE i.outstanding_amount > 0
  AND (CAST(:grade AS VARCHAR(140)) IS NULL OR p.grade = :grade)
  AND (CAST(:academic_year_start AS VARCHAR(140)) IS NULL OR i.academic_year_start = CAST(:academic_year_start AS INTEGER))
ORDER BY i.invoice_id)SQL"},
                        {"on_order", R"SQL(
UPDATE erp_invoices SET jodo_order_id = :order_id, jodo_payment_url = :redirect_url,
       jodo_expires_at = :expires_at
WHERE invoice_id = :invoice_id)SQL"},
                        {"on_status", R"SQL(
UPDATE erp_invoices SET jodo_status = :status, jodo_note = :reason
WHERE invoice_id = :invoice_id)SQL"},
                        {"on_paid", R"SQL(
INSERT INTO erp_receipts (receipt_id, invoice_id, amount, paid_at, transaction_id, order_id, note)
VALUES (:collection_id, :invoice_id, :paid_amount, :paid_at, :transaction_id, :order_id, :reason);
UPDATE erp_invoices SET outstanding_amount = outstanding_amount - :paid_amount,
       jodo_paid_at = :paid_at, jodo_transaction_id = :transaction_id
WHERE invoice_id = :invoice_id)SQL"},
                        {"on_settled", R"SQL(
UPDATE erp_invoice_lines SET settlement_utr = :settlement_utr, settled_at = :settled_at
WHERE invoice_id = :invoice_id AND line_no = :line_no)SQL"}},
                       ""};
    // Only where the students' tables are (sql/common/erp/003): a site that set
    // its own jodo.erp.* statements over this default profile for its own
    // tables gets no student statements that name host-sim's tables.
    if (schema.has_table("erp_students"))
        profile.statements.merge(reference_student_statements());
    return profile;
}

}  // namespace jodo::profiles
