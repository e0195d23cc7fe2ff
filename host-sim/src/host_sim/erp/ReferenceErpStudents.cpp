// The reference ERP's sample students (sql/common/erp/003_students.sql): three
// families, two of them with siblings; Rohan, Meera and Kabir are the students
// of sample invoices INV-2026-0001, -0002 and -0004, so those are their open
// bills.
#include <string>
#include <vector>

#include "erp_sql/NullableText.hpp"
#include "erp_sql/Transaction.hpp"
#include "host_sim/erp/ReferenceErp.hpp"

using namespace Poco::Data::Keywords;

namespace host_sim {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::text_or_null;

struct Family {
    std::string family_id, guardian_name, phone, email;
};

struct Fee {
    std::string component_type, fee_amount, discount_type, discount_value;
};

struct Student {
    std::string student_id, family_id, fullname, grade, date_of_birth;
    int new_admission;
    std::vector<Fee> fees;
};

struct ReceiptLine {
    std::string component_type, amount;
};

struct Receipt {
    std::string receipt_id, student_id, amount, paid_at, mode, notes;
    std::vector<ReceiptLine> lines;
};

const std::vector<Family>& families() {
    static const std::vector<Family> all = {
        {"FAM-SHARMA", "Anita Sharma", "9876543210", "anita.sharma@example.com"},
        {"FAM-RAO", "Vikram Rao", "+91 98450 12345", "vikram.rao@example.com"},
        {"FAM-MEHTA", "Arjun Mehta", "9123456780", "arjun.mehta@example.com"},
    };
    return all;
}

const std::vector<Student>& students() {
    static const std::vector<Student> all = {
        {"S-P-100",
         "FAM-SHARMA",
         "Rohan Sharma",
         "Grade 5",
         "2016-04-12",
         0,
         {{"TUITION_FEE", "85000.00", "", ""},
          {"TRANSPORT_FEE", "12401.00", "", ""},
          {"LAB_FEE", "3000.00", "", ""}}},
        // "अनन्या शर्मा": the school writes her name in Devanagari.
        {"S-P-104",
         "FAM-SHARMA",
         "\xE0\xA4\x85\xE0\xA4\xA8\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xAF\xE0\xA4\xBE "
         "\xE0\xA4\xB6\xE0\xA4\xB0\xE0\xA5\x8D\xE0\xA4\xAE\xE0\xA4\xBE",
         "Grade 2",
         "2019-08-03",
         0,
         {{"TUITION_FEE", "60000.00", "SIBLING", "6000.00"},
          {"TRANSPORT_FEE", "12401.00", "", ""}}},
        {"S-P-105",
         "FAM-SHARMA",
         "Ishaan Sharma",
         "Grade 8",
         "2013-01-25",
         0,
         {{"TUITION_FEE", "96000.00", "", ""},
          {"TRANSPORT_FEE", "12401.00", "", ""},
          {"LAB_FEE", "4500.00", "", ""}}},
        {"S-P-101",
         "FAM-RAO",
         "Meera Rao",
         "Grade 9",
         "2012-11-30",
         1,
         {{"ADMISSION_FEE", "25000.00", "", ""}, {"TUITION_FEE", "98000.00", "", ""}}},
        {"S-P-106",
         "FAM-RAO",
         "Aditya Rao",
         "Grade 5",
         "2016-07-19",
         0,
         {{"TUITION_FEE", "80000.00", "", ""}, {"TRANSPORT_FEE", "9800.00", "", ""}}},
        {"S-P-103",
         "FAM-MEHTA",
         "Kabir Mehta",
         "Grade 7",
         "2014-02-09",
         0,
         {{"TUITION_FEE", "88000.00", "", ""}, {"EVENT_FEE", "750.00", "", ""}}},
    };
    return all;
}

const std::vector<Receipt>& receipts() {
    static const std::vector<Receipt> all = {
        {"CR-2026-0001",
         "S-P-105",
         "15000.00",
         "2026-11-26T04:45:00Z",
         "cash",
         "Paid at the counter by the mother",
         {{"TUITION_FEE", "12000.00"}, {"TRANSPORT_FEE", "3000.00"}}},
        {"CR-2026-0002",
         "S-P-106",
         "20000.00",
         "2026-11-27T06:10:00Z",
         "cheque",
         "Cheque 004512, HDFC Bank",
         {{"TUITION_FEE", "20000.00"}}},
    };
    return all;
}
}  // namespace

void ReferenceErp::add_sample_students() {
    erp_sql::Transaction tx(session_);
    for (const auto& f : families()) {
        std::string id = f.family_id, name = f.guardian_name;
        Text phone = text_or_null(f.phone), email = text_or_null(f.email);
        int exists = 0;
        session_ << "SELECT COUNT(*) FROM erp_families WHERE family_id = ?", use(id), into(exists),
            now;
        if (exists == 0)
            session_ << "INSERT INTO erp_families (family_id, guardian_name, phone, email) "
                        "VALUES (?, ?, ?, ?)",
                use(id), use(name), use(phone), use(email), now;
        else
            session_ << "UPDATE erp_families SET guardian_name = ?, phone = ?, email = ? "
                        "WHERE family_id = ?",
                use(name), use(phone), use(email), use(id), now;
    }
    int start = 2026, end = 2027;
    for (const auto& s : students()) {
        std::string id = s.student_id, family = s.family_id, name = s.fullname, grade = s.grade,
                    born = s.date_of_birth;
        int admission = s.new_admission;
        int exists = 0;
        session_ << "SELECT COUNT(*) FROM erp_students WHERE student_id = ?", use(id), into(exists),
            now;
        if (exists == 0)
            session_ << "INSERT INTO erp_students (student_id, family_id, fullname, grade, "
                        "new_admission, academic_year_start, academic_year_end, date_of_birth) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                use(id), use(family), use(name), use(grade), use(admission), use(start), use(end),
                use(born), now;
        else
            session_ << "UPDATE erp_students SET family_id = ?, fullname = ?, grade = ?, "
                        "new_admission = ?, academic_year_start = ?, academic_year_end = ?, "
                        "date_of_birth = ?, active = 1 WHERE student_id = ?",
                use(family), use(name), use(grade), use(admission), use(start), use(end), use(born),
                use(id), now;
        session_ << "DELETE FROM erp_student_fees WHERE student_id = ?", use(id), now;
        for (const auto& fee : s.fees) {
            std::string component = fee.component_type, amount = fee.fee_amount;
            Text type = text_or_null(fee.discount_type), value = text_or_null(fee.discount_value);
            session_ << "INSERT INTO erp_student_fees (student_id, component_type, fee_amount, "
                        "discount_type, discount_value) VALUES (?, ?, ?, ?, ?)",
                use(id), use(component), use(amount), use(type), use(value), now;
        }
    }
    for (const auto& r : receipts()) {
        std::string id = r.receipt_id, student = r.student_id, amount = r.amount,
                    paid_at = r.paid_at, mode = r.mode, notes = r.notes;
        int exists = 0;
        session_ << "SELECT COUNT(*) FROM erp_counter_receipts WHERE receipt_id = ?", use(id),
            into(exists), now;
        if (exists != 0)
            continue;  // taken already: it may have gone to Jodo
        session_ << "INSERT INTO erp_counter_receipts (receipt_id, student_id, amount, paid_at, "
                    "mode, notes) VALUES (?, ?, ?, ?, ?, ?)",
            use(id), use(student), use(amount), use(paid_at), use(mode), use(notes), now;
        int line_no = 0;
        for (const auto& line : r.lines) {
            ++line_no;
            std::string component = line.component_type, line_amount = line.amount;
            session_ << "INSERT INTO erp_counter_receipt_lines (receipt_id, line_no, "
                        "component_type, amount) VALUES (?, ?, ?, ?)",
                use(id), use(line_no), use(component), use(line_amount), now;
        }
    }
    tx.commit();
}

}  // namespace host_sim
