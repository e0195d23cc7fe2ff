// Student-linked Pay on Frappe Education, the money side: receipts taken at
// the school (submitted Payment Entries of a Student that Jodo did not make)
// and the write-backs. As for invoices (ErpnextWriteBacks.cpp), the module
// writes only Custom Fields (tabStudent.jodo_student_id, tabPayment
// Entry.jodo_counter_status / jodo_counter_note) and Integration Requests:
// each piece of a Jodo payment allocated to a Fees is queued for the
// documented Server Script, which posts it as a Payment Entry against that
// Fees through ERPNext's own get_payment_entry. docs/erp-mapping.md
// ("Student-linked Pay") gives the rules.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

namespace {
// A Student's receipt, not made by Jodo: the Server Script's Payment Entries
// carry remarks "Jodo order ..."; a school may also keep a Mode of Payment
// "Jodo" for them.
const char* const kCounterReceipt = R"SQL(pe.party_type = 'Student' AND pe.payment_type = 'Receive'
  AND COALESCE(pe.mode_of_payment, '') <> 'Jodo'
  AND (pe.remarks IS NULL OR pe.remarks NOT LIKE 'Jodo order %'))SQL";

// Each Fees the receipt pays is split over that Fees' positive lines by the
// rule of student_open_bills: concessions, then earlier submitted payments,
// then this one come off the lines in idx order. Other references are a line
// named after their doctype; what is not allocated is one line "Advance".
std::string counter_payment_lines(bool discounted) {
    const std::string line = fee_component_billed("fc", discounted);
    const std::string p = fee_component_billed("p", discounted);
    const std::string positive = "(SELECT SUM(" + p +
                                 ") FROM \"tabFee Component\" p WHERE p.parent = f.name AND "
                                 "p.parenttype = 'Fees' AND " +
                                 p + " > 0)";
    const std::string ahead = "(SELECT COALESCE(SUM(" + p +
                              "), 0) FROM \"tabFee Component\" p WHERE p.parent = f.name AND "
                              "p.parenttype = 'Fees' AND " +
                              p + " > 0 AND p.idx < fc.idx)";
    const std::string paid_before = R"SQL((SELECT COALESCE(SUM(r2.allocated_amount), 0)
                FROM "tabPayment Entry Reference" r2
                JOIN "tabPayment Entry" p2 ON p2.name = r2.parent
                WHERE r2.parenttype = 'Payment Entry' AND r2.reference_doctype = 'Fees'
                  AND r2.reference_name = f.name AND p2.docstatus = 1
                  AND (p2.posting_date < pe.posting_date
                       OR (p2.posting_date = pe.posting_date AND p2.name < pe.name))))SQL";
    const std::string start = positive + " - f.grand_total + " + paid_before;
    return R"SQL(
SELECT x.component_type, ROUND(x.amount, 2) AS amount
FROM (SELECT y.component_type, y.ref_idx, y.line_idx,
             CASE WHEN y.line_end < y.paid_end THEN y.line_end ELSE y.paid_end END
             - CASE WHEN y.line_start > y.paid_start THEN y.line_start ELSE y.paid_start END
             AS amount
      FROM (SELECT fc.fees_category AS component_type, r.idx AS ref_idx, fc.idx AS line_idx,
                   )SQL" +
           ahead + R"SQL( AS line_start,
                   )SQL" +
           ahead + " + " + line + R"SQL( AS line_end,
                   )SQL" +
           start + R"SQL( AS paid_start,
                   )SQL" +
           start + R"SQL( + r.allocated_amount AS paid_end
            FROM "tabPayment Entry Reference" r
            JOIN "tabPayment Entry" pe ON pe.name = r.parent
            JOIN "tabFees" f ON f.name = r.reference_name
            JOIN "tabFee Component" fc ON fc.parent = f.name AND fc.parenttype = 'Fees'
            WHERE r.parent = :receipt_id AND r.parenttype = 'Payment Entry'
              AND r.reference_doctype = 'Fees' AND )SQL" +
           line + R"SQL( > 0) y
      UNION ALL
      SELECT r.reference_doctype, r.idx, 0, r.allocated_amount
      FROM "tabPayment Entry Reference" r
      WHERE r.parent = :receipt_id AND r.parenttype = 'Payment Entry'
        AND r.reference_doctype <> 'Fees'
      UNION ALL
      SELECT 'Advance', 2147483647, 0, pe.unallocated_amount
      FROM "tabPayment Entry" pe
      WHERE pe.name = :receipt_id AND pe.unallocated_amount > 0) x
WHERE x.amount > 0
ORDER BY x.ref_idx, x.line_idx)SQL";
}

// An Integration Request row the module writes (the columns on_paid writes).
std::string integration_request(const std::string& name, const std::string& status,
                                const std::string& error, const std::string& reference_doctype,
                                const std::string& reference_docname, const std::string& request_id,
                                const std::string& data) {
    return "INSERT INTO \"tabIntegration Request\" (name, creation, modified, owner, modified_by, "
           "docstatus, idx, integration_request_service, is_remote_request, status, \"error\", "
           "reference_doctype, reference_docname, request_id, data) VALUES (" +
           name +
           ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'Administrator', 'Administrator', 0, 0, "
           "'Jodo', 1, " +
           status + ", " + error + ", " + reference_doctype + ", " + reference_docname + ", " +
           request_id + ", " + data + ")";
}

// A JSON string member: "key": "value" (a double quote in free text becomes
// a single one; ids and amounts never hold one).
std::string member(const std::string& key, const std::string& sql, bool last = false) {
    return "'\"" + key + "\": \"' || " + sql + " || '\"" + (last ? "}'" : ", '");
}

const char* const kPiece = ":payment_id || '/' || CAST(:line_no AS VARCHAR(10))";
const char* const kNoInvoice = "CAST(:invoice_id AS VARCHAR(140)) IS NULL";
}  // namespace

std::map<std::string, std::string> erpnext_student_payments(bool discounted) {
    const std::string free_text = "REPLACE(COALESCE(:%, ''), '\"', '''')";
    auto text = [&](const std::string& name) {
        std::string s = free_text;
        return s.replace(s.find('%'), 1, name);
    };
    const std::string amount = "CAST(:amount AS VARCHAR(40))";
    const std::string payment_data =
        "'{' || " + member("kind", "'student_payment'") + " || " +
        member("payment_id", ":payment_id") + " || " + member("student_id", ":student_id") +
        " || " + member("jodo_student_id", "COALESCE(:jodo_student_id, '')") + " || " +
        member("amount", amount) + " || " +
        member("advance_amount", "CAST(:advance_amount AS VARCHAR(40))") + " || " +
        member("paid_at", "COALESCE(:paid_at, '')") + " || " + member("mode", text("mode")) +
        " || " + member("product", text("product"), true);
    const std::string line_data =
        "'{' || " + member("kind", "'student_payment_line'") + " || " +
        member("payment_id", ":payment_id") + " || " + member("order_id", ":payment_id") + " || " +
        member("transaction_id", kPiece) + " || " + member("student_id", ":student_id") + " || " +
        member("component_type", text("component_type")) + " || " +
        member("invoice_id", "COALESCE(:invoice_id, '')") + " || " +
        member("invoice_line_no", "COALESCE(CAST(:invoice_line_no AS VARCHAR(10)), '')") + " || " +
        member("paid_amount", amount, true);
    const std::string settled_data =
        "'{' || " + member("kind", "'student_payment_settled'") + " || " +
        member("payment_id", ":payment_id") + " || " + member("student_id", ":student_id") +
        " || " + member("line_no", "CAST(:line_no AS VARCHAR(10))") + " || " +
        member("component_type", text("component_type")) + " || " + member("amount", amount) +
        " || " + member("settlement_utr", "COALESCE(:settlement_utr, '')") + " || " +
        member("settled_at", "COALESCE(:settled_at, '')", true);
    const std::string advance_error =
        "CASE WHEN " + std::string(kNoInvoice) +
        " THEN 'Jodo: ' || CAST(:amount AS VARCHAR(40)) || ' of payment ' || :payment_id || "
        "' for Student ' || :student_id || ' matched no open Fees: post it by hand as a Payment "
        "Entry of the Student with Reference No ' || " +
        kPiece + " END";
    return {
        {"counter_payments", R"SQL(
SELECT pe.name AS receipt_id, pe.party AS student_id, pe.paid_amount AS amount,
       CAST(pe.posting_date AS CHAR(10)) AS paid_at,
       CASE pe.mode_of_payment WHEN 'Cash' THEN 'cash' WHEN 'Cheque' THEN 'cheque'
            WHEN 'Bank Draft' THEN 'demand_draft' WHEN 'Wire Transfer' THEN 'bank_transfer'
            WHEN 'Credit Card' THEN 'card' ELSE 'others' END AS mode,
       CASE WHEN pe.mode_of_payment = 'Wire Transfer' THEN pe.reference_no END AS settlement_utr,
       pe.remarks AS notes
FROM "tabPayment Entry" pe
WHERE pe.docstatus = 1 AND )SQL" +
                                 std::string(kCounterReceipt) + R"SQL(
  AND (pe.jodo_counter_status IS NULL OR pe.jodo_counter_status NOT IN ('sent', 'cancelled'))
ORDER BY pe.posting_date, pe.name)SQL"},
        {"counter_payment_lines", counter_payment_lines(discounted)},
        {"cancelled_counter_payments", R"SQL(
SELECT pe.name AS receipt_id FROM "tabPayment Entry" pe
WHERE pe.docstatus = 2 AND )SQL" + std::string(kCounterReceipt) +
                                           R"SQL(
  AND COALESCE(pe.jodo_counter_status, '') <> 'cancelled'
ORDER BY pe.name)SQL"},
        {"on_student_registered",
         "UPDATE \"tabStudent\" SET jodo_student_id = :jodo_student_id WHERE name = :student_id"},
        // The payment itself is a record (Completed): its pieces are posted.
        {"on_student_payment",
         integration_request(":payment_id", "'Completed'", "NULL", "'Student'", ":student_id",
                             ":payment_id", payment_data)},
        // A piece allocated to a Fees is queued for the Server Script; an
        // advance piece (no open Fees) waits for a person, as Failed.
        {"on_student_payment_line",
         integration_request(
             kPiece, "CASE WHEN " + std::string(kNoInvoice) + " THEN 'Failed' ELSE 'Queued' END",
             advance_error,
             "CASE WHEN " + std::string(kNoInvoice) + " THEN 'Student' ELSE 'Fees' END",
             "COALESCE(:invoice_id, :student_id)", kPiece, line_data)},
        {"on_student_payment_settled",
         integration_request(":payment_id || '/settled/' || CAST(:line_no AS VARCHAR(10))",
                             "'Completed'", "NULL", "'Student'", ":student_id",
                             "COALESCE(:settlement_utr, :payment_id)", settled_data)},
        {"on_counter_payment",
         "UPDATE \"tabPayment Entry\" SET jodo_counter_status = :status, jodo_counter_note = "
         ":reason WHERE name = :receipt_id"},
    };
}

}  // namespace jodo::profiles
