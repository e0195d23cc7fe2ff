// ERPNext's Sales Invoice (schools that bill fees as items): tabSales Invoice
// and its tabSales Invoice Item rows, the invoice's contact as payer. Writes
// only Custom Fields and queues payments as Integration Requests, as the
// erpnext-fees profile does (docs/erp-mapping.md).
#include "erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

ErpProfile erpnext_sales_invoice() {
    ErpProfile profile{"erpnext-sales-invoice",
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
ORDER BY si.name)SQL"}}};
    profile.statements.merge(erpnext_write_backs("Sales Invoice", "Sales Invoice Item"));
    return profile;
}

}  // namespace jodo::profiles
