#include "host_sim/erp/SampleInvoices.hpp"

#include <optional>
#include <string>
#include <vector>

#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/Transaction.hpp"
#include "jodo/api/money.hpp"

namespace host_sim {

namespace {

using erp_sql::NativeParam;
using erp_sql::NativeStatement;

const char* const kFirst[] = {"Aarav",   "Vivaan",   "Aditya",  "Ishaan", "Arjun",  "Sai",
                              "Reyansh", "Krishna",  "Kabir",   "Rohan",  "Ananya", "Diya",
                              "Aadhya",  "Saanvi",   "Meera",   "Kavya",  "Ira",    "Zoya",
                              "Fatima",  "Harpreet", "Lakshmi", "Priya",  "Sneha",  "Tanvi"};
const char* const kSurname[] = {"Sharma", "Verma", "Iyer",     "Reddy",    "Nair",   "Khan",
                                "Singh",  "Gupta", "Mehta",    "Rao",      "Patel",  "Das",
                                "Menon",  "Joshi", "Kulkarni", "Banerjee", "Pillai", "Chopra"};
const char* const kParent[] = {"Anita", "Vikram", "Sunita", "Rajesh", "Farah", "Suresh",
                               "Deepa", "Manoj",  "Pooja",  "Amit",   "Rekha", "Sanjay"};
// Some families' names as the school's register holds them, in Devanagari.
const char* const kDevanagariFirst[] = {"आरव", "अनन्या", "रोहन", "मीरा", "कबीर", "दिया"};
const char* const kDevanagariSurname[] = {"शर्मा", "वर्मा", "गुप्ता", "जोशी"};
const char* const kDevanagariParent[] = {"अनिता", "राजेश", "सुनीता", "विक्रम"};

// A cheap, well-mixed number per (index, salt): the same invoices every run.
std::uint64_t mix(std::uint64_t x, std::uint64_t salt) {
    x = x * 0x9E3779B97F4A7C15ull + salt * 0xBF58476D1CE4E5B9ull;
    x ^= x >> 31;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 29);
}

template <std::size_t N>
const char* pick(const char* const (&list)[N], std::uint64_t r) {
    return list[r % N];
}

std::string padded(std::int64_t n, int width) {
    std::string s = std::to_string(n);
    return std::string(s.size() < static_cast<std::size_t>(width) ? width - s.size() : 0, '0') + s;
}

struct Line {
    const char* code;
    jodo::Paise amount;
};

std::vector<Line> fee_lines(int grade, std::uint64_t r) {
    std::vector<Line> lines = {{"TUITION_FEE", (18000 + grade * 2500) * 100LL},
                               {"EXAM_FEE", (800 + grade * 50) * 100LL}};
    if (r % 3 != 0)  // two in three take the school bus
        lines.push_back({"TRANSPORT_FEE", (6200 * 100LL) + 50});
    if (grade >= 6)
        lines.push_back({"LAB_FEE", 1500 * 100LL});
    if (r % 4 == 0)
        lines.push_back({"SPORTS_FEE", 2250 * 100LL});
    if (r % 5 == 0)
        lines.push_back({"LIBRARY_FEE", 500 * 100LL});
    return lines;
}

NativeParam text(const std::string& v) {
    return erp_sql::unicode_param(v);
}

}  // namespace

std::int64_t add_sample_invoices(ReferenceErp& erp, std::int64_t count) {
    auto& session = erp.session();
    std::int64_t existing = 0;
    const auto counted = NativeStatement(session,
                                         "SELECT COUNT(*) FROM erp_invoices WHERE invoice_id "
                                         "LIKE 'INV-S%'")
                             .run({});
    if (!counted.rows.empty() && counted.rows[0][0])
        existing = std::stoll(*counted.rows[0][0]);
    if (existing >= count)
        return 0;
    erp_sql::Transaction tx(session);
    NativeStatement payer(session,
                          "INSERT INTO erp_payers (payer_id, name, phone, email, student_name, "
                          "grade, student_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    NativeStatement invoice(
        session,
        "INSERT INTO erp_invoices (invoice_id, payer_id, student_name, description, "
        "academic_year_start, academic_year_end, issued_on, outstanding_amount, jodo_status, "
        "jodo_order_id, jodo_paid_at, jodo_transaction_id, jodo_note) VALUES (?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?)");
    NativeStatement line(session,
                         "INSERT INTO erp_invoice_lines (invoice_id, line_no, fee_component, "
                         "amount) VALUES (?, ?, ?, ?)");
    // Prepared once here; every run() below reuses the plan.
    payer.describe_columns();
    invoice.describe_columns();
    line.describe_columns();
    for (std::int64_t i = existing; i < count; ++i) {
        // Two invoices per student: the previous academic year's and this one's.
        const std::int64_t student = i / 2;
        const int year = 2025 + static_cast<int>(i % 2);
        const std::uint64_t r = mix(static_cast<std::uint64_t>(student), 1);
        const int grade = 1 + static_cast<int>(r % 12);
        const char section = static_cast<char>('A' + (r >> 8) % 4);
        const bool devanagari = (r >> 12) % 10 == 0;
        const std::string surname =
            devanagari ? pick(kDevanagariSurname, r >> 16) : pick(kSurname, r >> 16);
        const std::string student_name =
            std::string(devanagari ? pick(kDevanagariFirst, r >> 24) : pick(kFirst, r >> 24)) +
            " " + surname;
        const std::string payer_id = "P-S" + padded(student + 1, 6);
        // The student's payer comes with the first of the two invoices (ids
        // are generated in order, so a second run starts after a whole one).
        if (i % 2 == 0) {
            const std::string parent = std::string(devanagari ? pick(kDevanagariParent, r >> 32)
                                                              : pick(kParent, r >> 32)) +
                                       " " + surname;
            payer.run({text(payer_id), text(parent), text("98" + padded(r % 100000000, 8)),
                       text("parent" + std::to_string(student + 1) + "@example.com"),
                       text(student_name), text("Grade " + std::to_string(grade) + " " + section),
                       text("S-" + payer_id)});
        }
        const std::string id = "INV-S" + std::to_string(year) + "-" + padded(student + 1, 6);
        const std::uint64_t s = mix(static_cast<std::uint64_t>(i), 2);
        const auto lines = fee_lines(grade, s);
        jodo::Paise total = 0;
        for (const auto& l : lines)
            total += l.amount;
        // Last year's invoices are mostly paid; this year's mostly open.
        const unsigned roll = static_cast<unsigned>(s % 100);
        std::optional<std::string> status, order, paid_at, txn, note;
        std::string owed = jodo::format_rupees(total);
        const std::string tag = padded(i + 1, 7);
        if (year == 2025 ? roll < 70 : roll < 10) {
            status = roll % 3 == 0 ? "settled" : "paid";
            owed = "0.00";
            order = "order_smp" + tag;
            paid_at = std::to_string(year) + "-" + padded(5 + roll % 6, 2) + "-" +
                      padded(1 + roll % 28, 2) + "T0" + std::to_string(4 + roll % 5) + ":" +
                      padded(roll % 60, 2) + ":00Z";
            txn = "txn_smp" + tag;
        } else if (roll < 85) {
            // still open: not collected yet
        } else if (roll < 95) {
            status = "unpaid";
            order = "order_smp" + tag;
        } else if (roll < 97) {
            status = "expired";
            order = "order_smp" + tag;
        } else if (roll < 99) {
            status = "unknown";
            note = "Jodo's answer was lost: release it or wait for the next check";
        } else {
            status = "failed";
            note = "Jodo refused the payer's phone number: correct it in the ERP and collect again";
        }
        const std::string issued = std::to_string(year) + "-" +
                                   padded(4 + static_cast<int>(s % 3), 2) + "-" +
                                   padded(1 + static_cast<int>((s >> 8) % 28), 2);
        invoice.run({text(id),
                     text(payer_id),
                     text(student_name),
                     text("Fees " + std::to_string(year) + "-" + std::to_string((year + 1) % 100)),
                     erp_sql::integer_param(year),
                     erp_sql::integer_param(year + 1),
                     text(issued),
                     erp_sql::decimal_param(owed),
                     {status, NativeParam::Type::unicode},
                     {order, NativeParam::Type::unicode},
                     {paid_at, NativeParam::Type::unicode},
                     {txn, NativeParam::Type::unicode},
                     {note, NativeParam::Type::unicode}});
        int no = 0;
        for (const auto& l : lines)
            line.run({text(id), erp_sql::integer_param(++no), text(l.code),
                      erp_sql::decimal_param(jodo::format_rupees(l.amount))});
    }
    tx.commit();
    return count - existing;
}

}  // namespace host_sim
