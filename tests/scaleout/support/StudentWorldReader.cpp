// Reads the StudentWorld the invariants check: the ERP's and the module's
// tables through ODBC (amounts as the text the driver gives for the DECIMAL,
// never a float) and the sandbox's students.
#include "erp_sql/NativeStatement.hpp"
#include "support/ScaleRig.hpp"
#include "support/StudentInvariants.hpp"

namespace scaleout {

namespace {
using Rows = std::vector<std::vector<std::string>>;

Rows select(Poco::Data::Session& session, const std::string& sql) {
    Rows out;
    for (const auto& row : erp_sql::NativeStatement(session, sql).run({}).rows) {
        std::vector<std::string> values;
        for (const auto& value : row)
            values.push_back(value.value_or(""));
        out.push_back(std::move(values));
    }
    return out;
}
}  // namespace

StudentWorld read_student_world(ScaleRig& rig) {
    StudentWorld w;
    auto session = rig.session();
    std::map<std::string, std::size_t> at;
    for (const auto& r : select(session,
                                "SELECT student_id, family_id, fullname, grade, jodo_student_id "
                                "FROM erp_students WHERE active = 1 ORDER BY student_id")) {
        at[r[0]] = w.students.size();
        w.students.push_back({r[0], r[1], r[2], r[3], r[4], {}});
    }
    for (const auto& r :
         select(session, "SELECT student_id, component_type, fee_amount FROM erp_student_fees"))
        if (at.count(r[0]))
            w.students[at[r[0]]].fees[r[1]] = r[2];
    for (const auto& r : select(session,
                                "SELECT student_id, state, jodo_student_id, error_reason FROM "
                                "jodo_students"))
        w.module_students[r[0]] = {r[1], r[2], r[3]};
    for (const auto& r :
         select(session, "SELECT payment_id, student_id, amount FROM erp_student_payments"))
        w.payments.push_back({r[0], r[1], r[2]});
    for (const auto& r :
         select(session,
                "SELECT payment_id, component_type, amount, settlement_utr, invoice_id, "
                "invoice_line_no FROM erp_student_payment_lines "
                "ORDER BY payment_id, line_no"))
        w.payment_lines.push_back({r[0], r[1], r[2], r[3], r[4], r[5]});
    for (const auto& r :
         select(session, "SELECT invoice_id, line_no, amount FROM erp_invoice_lines"))
        w.bill_lines[r[0] + "/" + r[1]] = r[2];
    for (const auto& r : select(session,
                                "SELECT receipt_id, student_id, amount, cancelled FROM "
                                "erp_counter_receipts ORDER BY receipt_id"))
        w.receipts.push_back({r[0], r[1], r[2], r[3] == "1"});
    for (const auto& r :
         select(session, "SELECT receipt_id, state, error_reason FROM jodo_counter_payments"))
        w.counter_rows[r[0]] = {r[1], r[2]};
    for (const auto id : rig.sandbox().student_ids())
        if (auto student = rig.sandbox().student(id))
            w.jodo.push_back(std::move(*student));
    return w;
}

}  // namespace scaleout
