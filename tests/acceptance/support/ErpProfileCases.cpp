#include "support/ErpProfileCases.hpp"

#include <stdexcept>

#include "erp/ReferenceErp.hpp"
#include "support/ErpFixtures.hpp"

namespace acceptance {

std::map<std::string, std::string> home_grown_statements() {
    return {
        {"jodo.erp.invoice",
         "SELECT b.bill_no AS invoice_id, g.full_name AS payer_name, g.mobile AS phone, "
         "g.mail AS email, b.balance AS amount_due, b.roll_no AS student_id, "
         "b.pupil AS student_name, b.class_name AS grade, b.session_from AS academic_year_start, "
         "b.session_to AS academic_year_end "
         "FROM fee_bills b JOIN guardians g ON g.guardian_code = b.guardian_code "
         "WHERE b.bill_no = :invoice_id"},
        {"jodo.erp.lines",
         "SELECT seq AS line_no, head AS component_type, amt AS amount FROM fee_bill_heads "
         "WHERE bill_no = :invoice_id ORDER BY seq"},
        {"jodo.erp.open_invoices",
         "SELECT bill_no AS invoice_id FROM fee_bills WHERE balance > 0 "
         "AND (CAST(:class_name AS VARCHAR(20)) IS NULL OR class_name = :class_name) "
         "ORDER BY bill_no"},
        {"jodo.erp.on_order",
         "UPDATE fee_bills SET gateway_ref = :order_id, gateway_link = :redirect_url "
         "WHERE bill_no = :invoice_id"},
        {"jodo.erp.on_status",
         "UPDATE fee_bills SET gateway_state = :status WHERE bill_no = :invoice_id"},
        {"jodo.erp.on_paid",
         "INSERT INTO money_receipts (receipt_key, bill_no, amount, txn_ref, received_at) "
         "VALUES (:collection_id, :invoice_id, :paid_amount, :transaction_id, :paid_at); "
         "UPDATE fee_bills SET balance = balance - :paid_amount WHERE bill_no = :invoice_id"},
        {"jodo.erp.on_settled",
         "UPDATE fee_bill_heads SET utr = :settlement_utr "
         "WHERE bill_no = :invoice_id AND seq = :line_no"},
    };
}

const std::vector<ErpProfileCase>& erp_profile_cases() {
    static const std::vector<ErpProfileCase> cases = {
        {"reference",
         "reference",
         {},
         "INV-2026-0001",
         "INV-2026-0002",
         "STU-0042",
         "Vikram Rao",
         "SELECT jodo_order_id FROM erp_invoices WHERE invoice_id = ?",
         "SELECT jodo_status FROM erp_invoices WHERE invoice_id = ?",
         "SELECT COUNT(*) FROM erp_receipts WHERE invoice_id = ?",
         "SELECT outstanding_amount FROM erp_invoices WHERE invoice_id = ?",
         "SELECT COUNT(*) FROM erp_invoice_lines WHERE invoice_id = ? AND settlement_utr IS NOT "
         "NULL",
         "",
         {{"grade", "Grade 5"}}},
        {"erpnext-fees",
         "erpnext-fees",
         {{"jodo.erp.profile", "erpnext-fees"}},
         "EDU-FEE-2026-00001",
         "EDU-FEE-2026-00002",
         "EDU-STU-2026-00042",
         "\xE0\xA4\xB5\xE0\xA4\xBF\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xAE "
         "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\xB5",  // the guardian, in Devanagari
         "SELECT jodo_order_id FROM \"tabFees\" WHERE name = ?",
         "SELECT jodo_status FROM \"tabFees\" WHERE name = ?",
         "SELECT COUNT(*) FROM \"tabIntegration Request\" WHERE reference_docname = ?",
         "SELECT outstanding_amount FROM \"tabFees\" WHERE name = ?",
         "SELECT COUNT(*) FROM \"tabFee Component\" WHERE parent = ? AND jodo_settlement_utr IS "
         "NOT NULL",
         "erpnext-fees.post",
         {{"grade", "Grade 5"}}},
        {"erpnext-sales-invoice",
         "erpnext-sales-invoice",
         {{"jodo.erp.profile", "erpnext-sales-invoice"}},
         "ACC-SINV-2026-00001",
         "ACC-SINV-2026-00002",
         "STU-0042",
         "Vikram Rao",
         "SELECT jodo_order_id FROM \"tabSales Invoice\" WHERE name = ?",
         "SELECT jodo_status FROM \"tabSales Invoice\" WHERE name = ?",
         "SELECT COUNT(*) FROM \"tabIntegration Request\" WHERE reference_docname = ?",
         "SELECT outstanding_amount FROM \"tabSales Invoice\" WHERE name = ?",
         "SELECT COUNT(*) FROM \"tabSales Invoice Item\" WHERE parent = ? AND "
         "jodo_settlement_utr IS NOT NULL",
         "erpnext-sales-invoice.post",
         {{"customer_group", "Grade 5"}}},
        {"odoo",
         "odoo",
         {{"jodo.erp.profile", "odoo"}},
         "INV/2026/00001",
         "INV/2026/00002",
         "STU-0042",
         "Vikram Rao",
         "SELECT x_jodo_order_id FROM account_move WHERE name = ?",
         "SELECT x_jodo_status FROM account_move WHERE name = ?",
         "SELECT COUNT(*) FROM x_jodo_payment WHERE x_move_name = ?",
         "SELECT amount_residual FROM account_move WHERE name = ?",
         "SELECT COUNT(*) FROM account_move_line l JOIN account_move m ON m.id = l.move_id "
         "WHERE m.name = ? AND l.x_jodo_settlement_utr IS NOT NULL",
         "odoo.post",
         {}},
        {"home-grown",
         "school",
         home_grown_statements(),
         "B/26/0001",
         "B/26/0002",
         "R-42",
         "Vikram Rao",
         "SELECT gateway_ref FROM fee_bills WHERE bill_no = ?",
         "SELECT gateway_state FROM fee_bills WHERE bill_no = ?",
         "SELECT COUNT(*) FROM money_receipts WHERE bill_no = ?",
         "SELECT balance FROM fee_bills WHERE bill_no = ?",
         "SELECT COUNT(*) FROM fee_bill_heads WHERE bill_no = ? AND utr IS NOT NULL",
         "",
         {{"class_name", "V-A"}}},
    };
    return cases;
}

const ErpProfileCase& erp_profile_case(const std::string& name) {
    for (const auto& c : erp_profile_cases())
        if (c.name == name)
            return c;
    throw std::invalid_argument("no ERP profile case " + name);
}

void prepare_erp(const std::string& connection, const ErpProfileCase& spec) {
    if (spec.fixture == "reference")
        host_sim::ReferenceErp(connection).migrate();
    load_erp_fixture(connection, spec.fixture);
}

void run_erp_posting(const std::string& connection, const ErpProfileCase& spec) {
    if (!spec.posting.empty())
        load_erp_fixture(connection, spec.posting);
}

}  // namespace acceptance
