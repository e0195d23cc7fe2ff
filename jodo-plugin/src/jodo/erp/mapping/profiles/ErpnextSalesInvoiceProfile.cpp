// ERPNext's Sales Invoice: tabSales Invoice and its tabSales Invoice Item rows.
// Writes only Custom Fields and queues payments as Integration Requests, as
// the erpnext-fees profile does (docs/erp-mapping.md).
//
// Frappe Education v15 bills through Sales Invoices too: a Fee Schedule makes
// one per student, marked with Education's custom fields `student` and
// `fee_schedule`. The Customer Education makes for a student has no Contact,
// so on such a site the payer is the student's first guardian and the
// identifier the student, not the Customer.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

namespace {
ErpProfile plain_erpnext() {
    return {"erpnext-sales-invoice",
            {{"invoice", R"SQL(
SELECT si.name AS invoice_id, si.customer_name AS payer_name,
       si.contact_mobile AS phone, si.contact_email AS email,
       si.outstanding_amount AS amount_due, si.customer AS student_id,
       si.remarks AS description
FROM "tabSales Invoice" si
WHERE si.name = :invoice_id AND si.docstatus = 1 AND si.is_return = 0)SQL"},
             {"open_invoices", R"SQL(
SELECT si.name AS invoice_id FROM "tabSales Invoice" si
WHERE si.docstatus = 1 AND si.is_return = 0 AND si.outstanding_amount > 0
  AND (CAST(:customer_group AS VARCHAR(140)) IS NULL OR si.customer_group = :customer_group)
ORDER BY si.name)SQL"}},
            "ERPNext without Education (the invoice's contact pays)"};
}

ErpProfile education(const ErpSchema& schema) {
    // The student's latest submitted enrolment names the Program; without the
    // Program Enrollment table, the Fee Schedule's program does.
    const std::string grade =
        schema.has_table("tabProgram Enrollment")
            ? R"SQL(COALESCE((SELECT pe.program FROM "tabProgram Enrollment" pe
                  WHERE pe.student = si.student AND pe.docstatus = 1
                  ORDER BY pe.enrollment_date DESC, pe.name DESC LIMIT 1), fs.program))SQL"
            : "fs.program";
    return {"erpnext-sales-invoice",
            {{"invoice", R"SQL(
SELECT si.name AS invoice_id,
       CASE WHEN g.name IS NULL THEN si.customer_name ELSE g.guardian_name END AS payer_name,
       CASE WHEN g.name IS NULL THEN si.contact_mobile ELSE g.mobile_number END AS phone,
       CASE WHEN g.name IS NULL THEN si.contact_email ELSE g.email_address END AS email,
       si.outstanding_amount AS amount_due,
       COALESCE(si.student, si.customer) AS student_id, s.student_name,
       )SQL" + grade + R"SQL( AS grade,
       SUBSTR(CAST(ay.year_start_date AS CHAR(10)), 1, 4) AS academic_year_start,
       SUBSTR(CAST(ay.year_end_date AS CHAR(10)), 1, 4) AS academic_year_end,
       CAST(s.date_of_birth AS CHAR(10)) AS date_of_birth,
       COALESCE(fs.academic_term, si.remarks) AS description
FROM "tabSales Invoice" si
LEFT JOIN "tabStudent" s ON s.name = si.student
LEFT JOIN "tabFee Schedule" fs ON fs.name = si.fee_schedule
LEFT JOIN "tabAcademic Year" ay ON ay.name = fs.academic_year
LEFT JOIN "tabStudent Guardian" sg
       ON sg.parent = s.name AND sg.parenttype = 'Student' AND sg.idx = 1
LEFT JOIN "tabGuardian" g ON g.name = sg.guardian
WHERE si.name = :invoice_id AND si.docstatus = 1 AND si.is_return = 0)SQL"},
             {"open_invoices", R"SQL(
SELECT si.name AS invoice_id FROM "tabSales Invoice" si
LEFT JOIN "tabFee Schedule" fs ON fs.name = si.fee_schedule
WHERE si.docstatus = 1 AND si.is_return = 0 AND si.outstanding_amount > 0
  AND (CAST(:program AS VARCHAR(140)) IS NULL OR fs.program = :program)
  AND (CAST(:academic_year AS VARCHAR(140)) IS NULL OR fs.academic_year = :academic_year)
  AND (CAST(:academic_term AS VARCHAR(140)) IS NULL OR fs.academic_term = :academic_term)
  AND (CAST(:customer_group AS VARCHAR(140)) IS NULL OR si.customer_group = :customer_group)
ORDER BY si.name)SQL"}},
            "Education v15 (tabSales Invoice.student: the student's first guardian pays)"};
}
}  // namespace

ErpProfile erpnext_sales_invoice(const ErpSchema& schema) {
    ErpProfile profile =
        schema.has_column("tabSales Invoice", "student") ? education(schema) : plain_erpnext();
    profile.statements["lines"] = R"SQL(
SELECT idx AS line_no, item_name AS component_type, amount
FROM "tabSales Invoice Item"
WHERE parent = :invoice_id AND parenttype = 'Sales Invoice' ORDER BY idx)SQL";
    profile.statements.merge(erpnext_write_backs("Sales Invoice", "Sales Invoice Item"));
    return profile;
}

}  // namespace jodo::profiles
