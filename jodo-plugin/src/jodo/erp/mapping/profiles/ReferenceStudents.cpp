// host-sim's reference ERP's students (sql/common/erp/003_students.sql): the
// student-linked Pay statements. A family is the Jodo registration (siblings
// share it); a student's open bills are the lines of the invoices raised for
// them (erp_payers.student_id) less what payments made in Jodo already
// allocated to each line. Portable SQL: SQLite, PostgreSQL and MariaDB (with
// ANSI_QUOTES and PIPES_AS_CONCAT) run it as written.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

std::map<std::string, std::string> reference_student_statements() {
    return {
        {"students", R"SQL(
SELECT s.student_id
FROM erp_students s
WHERE s.active = 1
  AND (CAST(:grade AS VARCHAR(140)) IS NULL OR s.grade = :grade)
  AND (CAST(:academic_year_start AS VARCHAR(140)) IS NULL
       OR s.academic_year_start = CAST(:academic_year_start AS INTEGER))
ORDER BY s.student_id)SQL"},
        {"student", R"SQL(
SELECT s.student_id, s.family_id AS registration_id, s.fullname, s.grade,
       s.academic_year_start, s.academic_year_end, s.date_of_birth,
       f.guardian_name AS primary_contact_name, f.phone AS primary_contact_number,
       f.email AS primary_contact_email, s.new_admission
FROM erp_students s JOIN erp_families f ON f.family_id = s.family_id
WHERE s.student_id = :student_id AND s.active = 1)SQL"},
        {"student_fees", R"SQL(
SELECT component_type, fee_amount, discount_type, discount_value
FROM erp_student_fees WHERE student_id = :student_id ORDER BY component_type)SQL"},
        // Each line of the student's invoices that still owe something, less
        // what payments made in Jodo allocated to it; oldest bill first.
        {"student_open_bills", R"SQL(
SELECT l.invoice_id, l.line_no, l.fee_component AS component_type,
       l.amount - COALESCE(SUM(a.amount), 0) AS amount_due
FROM erp_invoices i
JOIN erp_payers p ON p.payer_id = i.payer_id
JOIN erp_invoice_lines l ON l.invoice_id = i.invoice_id
LEFT JOIN erp_student_payment_lines a
       ON a.invoice_id = l.invoice_id AND a.invoice_line_no = l.line_no
WHERE p.student_id = :student_id AND i.outstanding_amount > 0
GROUP BY i.issued_on, l.invoice_id, l.line_no, l.fee_component, l.amount
HAVING l.amount - COALESCE(SUM(a.amount), 0) > 0
ORDER BY i.issued_on, l.invoice_id, l.line_no)SQL"},
        {"counter_payments", R"SQL(
SELECT r.receipt_id, r.student_id, r.amount, r.paid_at, r.mode, r.settlement_utr, r.notes
FROM erp_counter_receipts r
WHERE r.cancelled = 0
  AND (CAST(:student_id AS VARCHAR(140)) IS NULL OR r.student_id = :student_id)
ORDER BY r.paid_at, r.receipt_id)SQL"},
        {"counter_payment_lines", R"SQL(
SELECT component_type, amount
FROM erp_counter_receipt_lines WHERE receipt_id = :receipt_id ORDER BY line_no)SQL"},
        {"cancelled_counter_payments", R"SQL(
SELECT r.receipt_id
FROM erp_counter_receipts r
WHERE r.cancelled = 1
  AND (CAST(:student_id AS VARCHAR(140)) IS NULL OR r.student_id = :student_id)
ORDER BY r.receipt_id)SQL"},
        {"on_student_registered", R"SQL(
UPDATE erp_students SET jodo_student_id = :jodo_student_id
WHERE student_id = :student_id)SQL"},
        // The primary key on payment_id refuses a second posting.
        {"on_student_payment", R"SQL(
INSERT INTO erp_student_payments (payment_id, student_id, jodo_student_id, amount, paid_at,
                                  mode, product, advance_amount)
VALUES (:payment_id, :student_id, :jodo_student_id, :amount, :paid_at, :mode, :product,
        :advance_amount))SQL"},
        // An advance piece (invoice_id NULL) reduces no invoice.
        {"on_student_payment_line", R"SQL(
INSERT INTO erp_student_payment_lines (payment_id, line_no, component_type, amount,
                                       invoice_id, invoice_line_no)
VALUES (:payment_id, :line_no, :component_type, :amount, :invoice_id, :invoice_line_no);
UPDATE erp_invoices SET outstanding_amount = outstanding_amount - :amount
WHERE invoice_id = :invoice_id)SQL"},
        {"on_student_payment_settled", R"SQL(
UPDATE erp_student_payment_lines SET settlement_utr = :settlement_utr, settled_at = :settled_at
WHERE payment_id = :payment_id AND component_type = :component_type)SQL"},
        {"on_counter_payment", R"SQL(
UPDATE erp_counter_receipts SET jodo_status = :status, jodo_note = :reason
WHERE receipt_id = :receipt_id)SQL"},
    };
}

}  // namespace jodo::profiles
