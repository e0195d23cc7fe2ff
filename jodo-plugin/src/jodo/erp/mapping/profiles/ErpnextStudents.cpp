// Student-linked Pay on Frappe Education (the erpnext-fees profile): the
// queries read tabStudent, its first Guardian, the latest submitted Program
// Enrollment, the Fee Structure of that enrolment, the student's open Fees
// and the Payment Entries taken at the school. docs/erp-mapping.md
// ("Student-linked Pay") gives the rules; the write-backs are in
// ErpnextStudentWriteBacks.cpp.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

std::string fee_component_billed(const std::string& alias, bool discounted) {
    return discounted ? "CASE WHEN " + alias + ".discount > 0 THEN " + alias + ".total ELSE " +
                            alias + ".amount END"
                      : alias + ".amount";
}

namespace {
// The student's latest submitted Program Enrollment (its name).
const char* const kLatestEnrollment = R"SQL((SELECT p2.name FROM "tabProgram Enrollment" p2
          WHERE p2.student = :student_id AND p2.docstatus = 1
          ORDER BY p2.enrollment_date DESC, p2.name DESC LIMIT 1))SQL";

std::string fee_structure_of_enrollment(const ErpSchema& schema) {
    // A Program Enrollment with a fee_structure column names it; Education's
    // real layout (v15) has none: the submitted Fee Structure of the
    // enrolment's program and academic year, the enrolment's own student
    // category and term before none, the latest first.
    if (schema.has_column("tabProgram Enrollment", "fee_structure"))
        return R"SQL((SELECT pe.fee_structure FROM "tabProgram Enrollment" pe
          WHERE pe.name = )SQL" +
               std::string(kLatestEnrollment) + ")";
    return R"SQL((SELECT fs.name FROM "tabFee Structure" fs
          JOIN "tabProgram Enrollment" pe
            ON pe.program = fs.program AND pe.academic_year = fs.academic_year
          WHERE pe.name = )SQL" +
           std::string(kLatestEnrollment) + R"SQL(
            AND fs.docstatus = 1
            AND (fs.student_category IS NULL OR fs.student_category = ''
                 OR fs.student_category = pe.student_category)
            AND (fs.academic_term IS NULL OR fs.academic_term = ''
                 OR fs.academic_term = pe.academic_term)
          ORDER BY CASE WHEN fs.student_category = pe.student_category THEN 0 ELSE 1 END,
                   CASE WHEN fs.academic_term = pe.academic_term THEN 0 ELSE 1 END,
                   fs.creation DESC, fs.name DESC
          LIMIT 1))SQL";
}

std::string student(const ErpSchema& schema) {
    const std::string joined =
        "TRIM(s.first_name || COALESCE(' ' || s.middle_name, '') || "
        "COALESCE(' ' || s.last_name, ''))";
    const std::string fullname = schema.has_column("tabStudent", "student_name")
                                     ? "COALESCE(NULLIF(s.student_name, ''), " + joined + ")"
                                     : joined;
    return R"SQL(
SELECT s.name AS student_id,
       COALESCE(sg.guardian, s.name) AS registration_id,
       )SQL" +
           fullname +
           R"SQL( AS fullname,
       pe.program AS grade,
       SUBSTR(CAST(ay.year_start_date AS CHAR(10)), 1, 4) AS academic_year_start,
       SUBSTR(CAST(ay.year_end_date AS CHAR(10)), 1, 4) AS academic_year_end,
       CAST(s.date_of_birth AS CHAR(10)) AS date_of_birth,
       COALESCE(g.guardian_name, )SQL" +
           fullname + R"SQL() AS primary_contact_name,
       COALESCE(g.mobile_number, s.student_mobile_number) AS primary_contact_number,
       COALESCE(g.email_address, s.student_email_id) AS primary_contact_email,
       CASE WHEN s.joining_date >= ay.year_start_date AND s.joining_date <= ay.year_end_date
            THEN 1 ELSE 0 END AS new_admission
FROM "tabStudent" s
LEFT JOIN "tabProgram Enrollment" pe ON pe.name = )SQL" +
           kLatestEnrollment + R"SQL(
LEFT JOIN "tabAcademic Year" ay ON ay.name = pe.academic_year
LEFT JOIN "tabStudent Guardian" sg
       ON sg.parent = s.name AND sg.parenttype = 'Student' AND sg.idx = 1
LEFT JOIN "tabGuardian" g ON g.name = sg.guardian
WHERE s.name = :student_id)SQL";
}

std::string student_fees(const ErpSchema& schema, bool discounted) {
    // One row per fees_category (a category on two rows is summed); the
    // component's discount, a percentage in Education v15, as the rupees it
    // takes off (amount - total).
    const std::string discount = discounted ? R"SQL(,
       CASE WHEN SUM(fc.amount - fc.total) > 0 THEN 'Fee Structure Discount' END AS discount_type,
       CASE WHEN SUM(fc.amount - fc.total) > 0 THEN SUM(fc.amount - fc.total) END AS discount_value)SQL"
                                            : "";
    return R"SQL(
SELECT fc.fees_category AS component_type, SUM(fc.amount) AS fee_amount)SQL" +
           discount +
           R"SQL(
FROM "tabFee Component" fc
WHERE fc.parenttype = 'Fee Structure' AND fc.parent = )SQL" +
           fee_structure_of_enrollment(schema) + R"SQL(
GROUP BY fc.fees_category
ORDER BY MIN(fc.idx))SQL";
}

std::string student_open_bills(bool discounted) {
    // What was paid, and what concessions (negative lines) take off, comes
    // off the positive lines in idx order, first line first, as for an
    // invoice (jodo/collect/AmountDue.cpp): `taken` is that amount
    // (positive lines - outstanding_amount), `ahead` the positive lines
    // ahead of this one. A fee owed in full with no concession owes each line.
    const std::string line = fee_component_billed("fc", discounted);
    const std::string p = fee_component_billed("p", discounted);
    return R"SQL(
SELECT x.invoice_id, x.line_no, x.component_type,
       ROUND(CASE WHEN x.taken - x.ahead <= 0 THEN x.billed
                  WHEN x.taken - x.ahead >= x.billed THEN 0
                  ELSE x.billed - (x.taken - x.ahead) END, 2) AS amount_due
FROM (SELECT f.name AS invoice_id, fc.idx AS line_no, fc.fees_category AS component_type,
             f.posting_date, )SQL" +
           line + R"SQL( AS billed,
             (SELECT SUM()SQL" +
           p + R"SQL() FROM "tabFee Component" p
               WHERE p.parent = f.name AND p.parenttype = 'Fees' AND )SQL" +
           p + R"SQL( > 0)
               - f.outstanding_amount AS taken,
             (SELECT COALESCE(SUM()SQL" +
           p + R"SQL(), 0) FROM "tabFee Component" p
               WHERE p.parent = f.name AND p.parenttype = 'Fees' AND )SQL" +
           p + R"SQL( > 0
                 AND p.idx < fc.idx) AS ahead
      FROM "tabFees" f
      JOIN "tabFee Component" fc ON fc.parent = f.name AND fc.parenttype = 'Fees'
      WHERE f.student = :student_id AND f.docstatus = 1 AND f.outstanding_amount > 0
        AND )SQL" +
           line + R"SQL( > 0) x
WHERE x.taken - x.ahead < x.billed
ORDER BY x.posting_date, x.invoice_id, x.line_no)SQL";
}
}  // namespace

std::map<std::string, std::string> erpnext_student_queries(const ErpSchema& schema,
                                                           bool discounted) {
    return {
        {"students", R"SQL(
SELECT s.name AS student_id FROM "tabStudent" s
WHERE s.enabled = 1
  AND ((CAST(:grade AS VARCHAR(140)) IS NULL AND CAST(:academic_year AS VARCHAR(140)) IS NULL)
       OR EXISTS (SELECT 1 FROM "tabProgram Enrollment" pe
                  WHERE pe.student = s.name AND pe.docstatus = 1
                    AND (CAST(:grade AS VARCHAR(140)) IS NULL OR pe.program = :grade)
                    AND (CAST(:academic_year AS VARCHAR(140)) IS NULL
                         OR pe.academic_year = :academic_year)))
ORDER BY s.name)SQL"},
        {"student", student(schema)},
        {"student_fees", student_fees(schema, discounted)},
        {"student_open_bills", student_open_bills(discounted)},
    };
}

}  // namespace jodo::profiles
