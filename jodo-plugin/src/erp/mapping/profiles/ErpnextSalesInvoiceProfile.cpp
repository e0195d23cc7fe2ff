// ERPNext's Sales Invoice (schools that bill fees as items): tabSales Invoice
// and its tabSales Invoice Item rows, the invoice's contact as payer. Writes
// only Custom Fields and queues payments as Integration Requests, as the
// erpnext-fees profile does (docs/erp-mapping.md).
#include "erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

ErpProfile erpnext_sales_invoice() {
    return {"erpnext-sales-invoice",
            {{"invoice", R"SQL(
SELECT si.name AS invoice_id, si.customer_name AS payer_name,
       si.contact_mobile AS phone, si.contact_email AS email,
       si.outstanding_amount AS amount_due, si.customer AS student_id,
       si.remarks AS description
FROM "tabSales Invoice" si
WHERE si.name = :invoice_id AND si.docstatus = 1 AND si.is_return = 0)SQL"},
             {"lines", R"SQL(
SELECT idx AS line_no, item_name AS component_type, amount
FROM "tabSales Invoice Item"
WHERE parent = :invoice_id AND parenttype = 'Sales Invoice' ORDER BY idx)SQL"},
             {"open_invoices", R"SQL(
SELECT si.name AS invoice_id FROM "tabSales Invoice" si
WHERE si.docstatus = 1 AND si.is_return = 0 AND si.outstanding_amount > 0
  AND (CAST(:customer_group AS VARCHAR(140)) IS NULL OR si.customer_group = :customer_group)
ORDER BY si.name)SQL"},
             {"on_order", R"SQL(
UPDATE "tabSales Invoice" SET jodo_order_id = :order_id, jodo_payment_url = :redirect_url,
       jodo_link_expires_at = :expires_at
WHERE name = :invoice_id)SQL"},
             {"on_status", R"SQL(
UPDATE "tabSales Invoice" SET jodo_status = :status, jodo_note = :reason
WHERE name = :invoice_id)SQL"},
             {"on_paid", R"SQL(
UPDATE "tabSales Invoice" SET jodo_paid_at = :paid_at, jodo_transaction_id = :transaction_id
WHERE name = :invoice_id;
INSERT INTO "tabIntegration Request"
       (name, creation, modified, owner, modified_by, docstatus, idx,
        integration_request_service, is_remote_request, status,
        reference_doctype, reference_docname, request_id, data)
VALUES (:collection_id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'Administrator', 'Administrator',
        0, 0, 'Jodo', 1, 'Queued', 'Sales Invoice', :invoice_id, :transaction_id, :payment_json))SQL"},
             {"on_settled", R"SQL(
UPDATE "tabSales Invoice Item" SET jodo_settlement_utr = :settlement_utr
WHERE parent = :invoice_id AND parenttype = 'Sales Invoice' AND idx = :line_no)SQL"}}};
}

}  // namespace jodo::profiles
