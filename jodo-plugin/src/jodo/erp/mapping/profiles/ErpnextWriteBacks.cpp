// The write-backs both ERPNext profiles share: only Custom Fields change on
// the document, and money goes through ERPNext's own Payment Entry (queued as
// an Integration Request), so the ledger is posted by ERPNext, not by us.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

std::map<std::string, std::string> erpnext_write_backs(const std::string& doctype,
                                                       const std::string& item_doctype) {
    const std::string table = "\"tab" + doctype + "\"";
    const std::string items = "\"tab" + item_doctype + "\"";
    return {
        {"on_order", "UPDATE " + table +
                         " SET jodo_order_id = :order_id, jodo_payment_url = :redirect_url, "
                         "jodo_link_expires_at = :expires_at WHERE name = :invoice_id"},
        {"on_status",
         "UPDATE " + table +
             " SET jodo_status = :status, jodo_note = :reason WHERE name = :invoice_id"},
        {"on_paid",
         "UPDATE " + table +
             " SET jodo_paid_at = :paid_at, jodo_transaction_id = :transaction_id "
             "WHERE name = :invoice_id;\n"
             "INSERT INTO \"tabIntegration Request\" (name, creation, modified, owner, "
             "modified_by, "
             "docstatus, idx, integration_request_service, is_remote_request, status, "
             "reference_doctype, reference_docname, request_id, data) "
             "VALUES (:collection_id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'Administrator', "
             "'Administrator', 0, 0, 'Jodo', 1, 'Queued', '" +
             doctype + "', :invoice_id, :transaction_id, :payment_json)"},
        {"on_settled", "UPDATE " + items +
                           " SET jodo_settlement_utr = :settlement_utr WHERE parent = :invoice_id "
                           "AND parenttype = '" +
                           doctype + "' AND idx = :line_no"},
    };
}

}  // namespace jodo::profiles
