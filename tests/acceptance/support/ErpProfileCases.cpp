#include "support/ErpProfileCases.hpp"

#include <stdexcept>

#include "host_sim/erp/ReferenceErp.hpp"
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

namespace {
// The guardian of the ERPNext fixtures, in Devanagari.
const char* const kGuardianInDevanagari =
    "\xE0\xA4\xB5\xE0\xA4\xBF\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xAE "
    "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\xB5";

// ERPNext's Fees on the layout of `ddl` (since or before Education's 2023-11 rename).
ErpProfileCase erpnext_fees_case(const std::string& name, const std::string& ddl) {
    return {name,
            {"shared:" + ddl, "erpnext-fees.data"},
            {{"jodo.erp.profile", "erpnext-fees"}},
            "EDU-FEE-2026-00001",
            "EDU-FEE-2026-00002",
            "EDU-STU-2026-00042",
            kGuardianInDevanagari,
            "SELECT jodo_order_id FROM \"tabFees\" WHERE name = ?",
            "SELECT jodo_status FROM \"tabFees\" WHERE name = ?",
            "SELECT COUNT(*) FROM \"tabIntegration Request\" WHERE reference_docname = ?",
            "SELECT outstanding_amount FROM \"tabFees\" WHERE name = ?",
            "SELECT COUNT(*) FROM \"tabFee Component\" WHERE parent = ? AND jodo_settlement_utr IS "
            "NOT NULL",
            "erpnext-fees.post",
            {{"grade", "Grade 5"}},
            "EDU-FEE-2026-00004",
            "EDU-FEE-2026-00005"};
}

// ERPNext's Sales Invoice: billed by Education v15's Fee Schedule, or by a
// school on ERPNext alone.
ErpProfileCase sales_invoice_case(bool education) {
    return {education ? "erpnext-sales-invoice" : "erpnext-sales-invoice-without-education",
            education ? std::vector<std::string>{"shared:erpnext_real+jodo", "education-v15-extra",
                                                 "education-sales-invoice.data"}
                      : std::vector<std::string>{"shared:erpnext_real+jodo",
                                                 "erpnext-sales-invoice.data"},
            {{"jodo.erp.profile", "erpnext-sales-invoice"}},
            "ACC-SINV-2026-00001",
            "ACC-SINV-2026-00002",
            education ? "EDU-STU-2026-00042" : "STU-0042",
            education ? kGuardianInDevanagari : "Vikram Rao",
            "SELECT jodo_order_id FROM \"tabSales Invoice\" WHERE name = ?",
            "SELECT jodo_status FROM \"tabSales Invoice\" WHERE name = ?",
            "SELECT COUNT(*) FROM \"tabIntegration Request\" WHERE reference_docname = ?",
            "SELECT outstanding_amount FROM \"tabSales Invoice\" WHERE name = ?",
            "SELECT COUNT(*) FROM \"tabSales Invoice Item\" WHERE parent = ? AND "
            "jodo_settlement_utr IS NOT NULL",
            "erpnext-sales-invoice.post",
            education ? erp_plugin::Fields{{"program", "Grade 5"}}
                      : erp_plugin::Fields{{"customer_group", "Grade 5"}},
            education ? "ACC-SINV-2026-00004" : "",
            education ? "ACC-SINV-2026-00005" : ""};
}
// Odoo `version`'s account_move, account_move_line and res_partner with all
// their stored columns (tests/fixtures/erp/odoo/make_odoo_fixtures.py); 17
// and 18 keep the payer's number in mobile, 19 (no mobile column) in phone.
ErpProfileCase odoo_case(int version) {
    return {"odoo-" + std::to_string(version),
            {"odoo-" + std::to_string(version)},
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
            {},
            "",
            ""};
}
}  // namespace

const std::vector<ErpProfileCase>& erp_profile_cases() {
    static const std::vector<ErpProfileCase> cases = {
        {"reference",
         {"reference"},
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
         {{"grade", "Grade 5"}},
         "",
         ""},
        erpnext_fees_case("erpnext-fees", "erpnext_real+jodo"),
        erpnext_fees_case("erpnext-fees-before-2023-11", "erpnext_real+jodo.fees-pre-2023-11"),
        sales_invoice_case(true),
        sales_invoice_case(false),
        odoo_case(17),
        odoo_case(18),
        odoo_case(19),
        {"home-grown",
         {"school"},
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
         {{"class_name", "V-A"}},
         "B/26/0004",
         "B/26/0005"},
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
    for (const auto& fixture : spec.fixtures) {
        if (fixture == "reference")
            host_sim::ReferenceErp(connection).migrate();
        load_erp_fixture(connection, fixture);
    }
}

bool needs_shared_data(const ErpProfileCase& spec) {
    for (const auto& fixture : spec.fixtures)
        if (fixture.rfind("shared:", 0) == 0)
            return true;
    return false;
}

bool shared_data_missing(const ErpProfileCase& spec, std::string* why) {
    return needs_shared_data(spec) && !shared_erpnext_real_available(why);
}

void run_erp_posting(const std::string& connection, const ErpProfileCase& spec) {
    if (!spec.posting.empty())
        load_erp_fixture(connection, spec.posting);
}

}  // namespace acceptance
