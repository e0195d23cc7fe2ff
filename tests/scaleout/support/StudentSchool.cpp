#include "support/StudentSchool.hpp"

#include <cstdio>

#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/Transaction.hpp"
#include "support/ScaleRig.hpp"

using namespace Poco::Data::Keywords;

namespace scaleout {

namespace {
std::string two_digits(int n) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d", n);
    return text;
}

// Rupees with paise, from a whole number of paise (no float on the way).
std::string rupees(long paise) {
    char text[48];
    std::snprintf(text, sizeof text, "%ld.%02ld", paise / 100, paise % 100);
    return text;
}
}  // namespace

StudentSchool::StudentSchool(ScaleRig& rig, int generated_students)
    : rig_(rig), erp_(rig.connection()) {
    erp_.add_sample_students();
    auto& s = erp_.session();
    erp_sql::Transaction tx(s);
    for (int i = 1; i <= generated_students; ++i) {
        const std::string n = two_digits(i);
        std::string family = "FAM-G" + two_digits((i - 1) / 3 + 1), id = "S-G-" + n,
                    name = "Student " + n + " Generated", grade = "Grade " + std::to_string(i % 10),
                    born = "2015-0" + std::to_string(i % 9 + 1) + "-1" + std::to_string(i % 10);
        if ((i - 1) % 3 == 0) {
            std::string guardian = "Guardian of " + family, phone = "98450" + n + "000",
                        email = "guardian" + n + "@example.com";
            s << "INSERT INTO erp_families (family_id, guardian_name, phone, email) "
                 "VALUES (?, ?, ?, ?)",
                use(family), use(guardian), use(phone), use(email), now;
        }
        int start = 2026, end = 2027, admission = i % 5 == 0 ? 1 : 0;
        s << "INSERT INTO erp_students (student_id, family_id, fullname, grade, new_admission, "
             "academic_year_start, academic_year_end, date_of_birth) VALUES (?, ?, ?, ?, ?, ?, ?, "
             "?)",
            use(id), use(family), use(name), use(grade), use(admission), use(start), use(end),
            use(born), now;
        const std::vector<std::pair<std::string, std::string>> fees = {
            {"TUITION_FEE", rupees(4000000 + 13750L * i + 50)}, {"TRANSPORT_FEE", rupees(980025)}};
        for (auto [component, amount] : fees)
            s << "INSERT INTO erp_student_fees (student_id, component_type, fee_amount) "
                 "VALUES (?, ?, ?)",
                use(id), use(component), use(amount), now;
        generated_.push_back(id);
    }
    tx.commit();
    for (int i = 1; i <= generated_students; i += 3) {
        host_sim::SampleInvoice invoice;
        invoice.invoice_id = rig.prefix() + "SINV-" + two_digits(i);
        invoice.payer_id = "PG-" + two_digits(i);
        invoice.payer_name = "Guardian " + two_digits(i);
        invoice.phone = "9845000000";
        invoice.email = "payer" + two_digits(i) + "@example.com";
        invoice.student_name = "Student " + two_digits(i) + " Generated";
        invoice.grade = "Grade " + std::to_string(i % 10);
        invoice.description = "Term fees";
        invoice.student_id = generated_[i - 1];
        invoice.lines = {{"TUITION_FEE", "20000.50"}, {"TRANSPORT_FEE", "4900.25"}};
        erp_.add_invoice(invoice);
    }
}

std::vector<std::string> StudentSchool::add_receipts(int first, int count) {
    std::vector<std::string> ids;
    auto& s = erp_.session();
    erp_sql::Transaction tx(s);
    for (int n = first; n < first + count; ++n) {
        std::string id = "CR-G-" + two_digits(n), student = generated_[(n - 1) % generated_.size()],
                    paid_at = "2026-11-" + two_digits(n % 28 + 1) + "T05:30:00Z", mode = "cash",
                    notes = "Paid at the counter";
        const long tuition = 500000 + 1075L * n, transport = 120000;
        std::string amount = rupees(tuition + transport);
        s << "INSERT INTO erp_counter_receipts (receipt_id, student_id, amount, paid_at, mode, "
             "notes) VALUES (?, ?, ?, ?, ?, ?)",
            use(id), use(student), use(amount), use(paid_at), use(mode), use(notes), now;
        const std::vector<std::pair<std::string, std::string>> lines = {
            {"TUITION_FEE", rupees(tuition)}, {"TRANSPORT_FEE", rupees(transport)}};
        int line_no = 0;
        for (auto [component, line_amount] : lines) {
            ++line_no;
            s << "INSERT INTO erp_counter_receipt_lines (receipt_id, line_no, component_type, "
                 "amount) VALUES (?, ?, ?, ?)",
                use(id), use(line_no), use(component), use(line_amount), now;
        }
        ids.push_back(id);
    }
    tx.commit();
    return ids;
}

void StudentSchool::cancel_receipt(const std::string& receipt_id) {
    std::string id = receipt_id;
    erp_.session() << "UPDATE erp_counter_receipts SET cancelled = 1 WHERE receipt_id = ?", use(id),
        now;
}

void StudentSchool::set_fee(const std::string& student_id, const std::string& component,
                            const std::string& amount) {
    std::string id = student_id, type = component, value = amount;
    erp_.session() << "UPDATE erp_student_fees SET fee_amount = ? WHERE student_id = ? AND "
                      "component_type = ?",
        use(value), use(id), use(type), now;
}

std::vector<std::pair<std::string, std::string>> StudentSchool::registered() {
    auto session = rig_.session();
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : erp_sql::NativeStatement(session,
                                                    "SELECT student_id, jodo_student_id FROM "
                                                    "jodo_students WHERE state = 'registered' "
                                                    "ORDER BY student_id")
                               .run({})
                               .rows)
        out.emplace_back(row.at(0).value_or(""), row.at(1).value_or(""));
    return out;
}

}  // namespace scaleout
