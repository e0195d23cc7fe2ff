// Frappe Education's Fees doctype (ERPNext): tabFees with its tabFee Component
// rows, the student's first guardian as payer. The module writes only into
// Custom Fields (docs/erp-mapping.md lists them) and queues each payment as an
// Integration Request, which the documented Server Script turns into a
// Payment Entry: ERPNext's own code then reduces outstanding_amount and posts
// the ledger.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

ErpProfile erpnext_fees(const ErpSchema& schema) {
    // Education renamed tabFees.student_email to contact_email on 2023-11-21
    // (frappe/education f8c0950); sites on either side of it run this profile.
    std::string fees_email = "f.contact_email";
    std::string layout = "Education since 2023-11 (tabFees.contact_email)";
    if (!schema.has_column("tabFees", "contact_email")) {
        if (schema.has_column("tabFees", "student_email")) {
            fees_email = "f.student_email";
            layout = "Education before 2023-11 (tabFees.student_email)";
        } else {
            fees_email = "NULL";
            layout = "Education with neither tabFees.contact_email nor student_email";
        }
    }
    // A component's discount (a percentage, Education v15) leaves its total as
    // what is billed for it; older layouts have the amount alone.
    const bool discounted = schema.has_column("tabFee Component", "discount") &&
                            schema.has_column("tabFee Component", "total");
    const std::string line_amount =
        discounted ? "CASE WHEN discount > 0 THEN total ELSE amount END" : "amount";

    ErpProfile profile{"erpnext-fees",
                       {{"invoice", R"SQL(
SELECT f.name AS invoice_id,
       COALESCE(g.guardian_name, s.student_name) AS payer_name,
       COALESCE(g.mobile_number, s.student_mobile_number) AS phone,
       COALESCE(g.email_address, s.student_email_id, )SQL" +
                                        fees_email +
                                        R"SQL() AS email,
       f.outstanding_amount AS amount_due,
       f.student AS student_id, f.student_name, f.program AS grade,
       SUBSTR(CAST(ay.year_start_date AS CHAR(10)), 1, 4) AS academic_year_start,
       SUBSTR(CAST(ay.year_end_date AS CHAR(10)), 1, 4) AS academic_year_end,
       CAST(s.date_of_birth AS CHAR(10)) AS date_of_birth,
       f.academic_term AS description
FROM "tabFees" f
JOIN "tabStudent" s ON s.name = f.student
LEFT JOIN "tabAcademic Year" ay ON ay.name = f.academic_year
LEFT JOIN "tabStudent Guardian" sg
       ON sg.parent = s.name AND sg.parenttype = 'Student' AND sg.idx = 1
LEFT JOIN "tabGuardian" g ON g.name = sg.guardian
WHERE f.name = :invoice_id AND f.docstatus = 1)SQL"},
                        {"lines", "SELECT idx AS line_no, fees_category AS component_type, " +
                                      line_amount + R"SQL( AS amount
FROM "tabFee Component"
WHERE parent = :invoice_id AND parenttype = 'Fees' ORDER BY idx)SQL"},
                        {"open_invoices", R"SQL(
SELECT f.name AS invoice_id FROM "tabFees" f
WHERE f.docstatus = 1 AND f.outstanding_amount > 0
  AND (CAST(:grade AS VARCHAR(140)) IS NULL OR f.program = :grade)
  AND (CAST(:academic_year AS VARCHAR(140)) IS NULL OR f.academic_year = :academic_year)
  AND (CAST(:academic_term AS VARCHAR(140)) IS NULL OR f.academic_term = :academic_term)
ORDER BY f.name)SQL"}},
                       layout};
    profile.statements.merge(erpnext_write_backs("Fees", "Fee Component"));
    // Student-linked Pay, once the site has its Custom Field on Student
    // (docs/erp-mapping.md); without it the student actions are off and the
    // invoice statements work as before.
    if (schema.has_column("tabStudent", "jodo_student_id")) {
        profile.statements.merge(erpnext_student_queries(schema, discounted));
        profile.statements.merge(erpnext_student_payments(discounted));
        profile.layout += "; Student-linked Pay (tabStudent.jodo_student_id)";
    } else {
        profile.layout += "; no Student-linked Pay (no tabStudent.jodo_student_id)";
    }
    return profile;
}

}  // namespace jodo::profiles
