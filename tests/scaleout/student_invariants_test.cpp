// The student chaos run's checker can fail: hand-made worlds with a doubled
// posting, a lost receipt and the like each produce the line naming them.
#include <gtest/gtest.h>

#include "support/Invariants.hpp"
#include "support/StudentInvariants.hpp"

using scaleout::parse_paise;
using scaleout::StudentWorld;

namespace {
using jodo::sandbox::PaymentLine;
using jodo::sandbox::SandboxStudent;
using jodo::sandbox::StudentPayment;

StudentPayment payment(const std::string& id, const std::string& product, long paise,
                       const std::string& utr = "") {
    StudentPayment p;
    p.id = id;
    p.product = product;
    p.transaction_id = product == StudentPayment::kProductPg ? "" : id;
    p.amount = paise;
    p.lines = {PaymentLine{"TUITION_FEE", paise, utr, utr.empty() ? "" : "2026-12-01T00:00:00Z"}};
    return p;
}

// One registered student who paid 1234.50 in Jodo (posted, settled) and whose
// counter receipt of 100.00 reached Jodo: everything holds.
StudentWorld good_world() {
    StudentWorld w;
    w.students.push_back({"S-1", "FAM-1", "Asha", "Grade 1", "6001", {{"TUITION_FEE", "5000.00"}}});
    w.module_students["S-1"] = {"registered", "6001", ""};
    SandboxStudent j;
    j.jodo_student_id = 6001;
    j.registration_id = "FAM-1";
    j.profile.identifier = "S-1";
    j.profile.fullname = "Asha";
    j.profile.grade = "Grade 1";
    j.fees = {{"TUITION_FEE", 500000, {}}};
    j.payments = {payment("pg_1", "pg", 123450, "UTR1"), payment("CR-1", "direct", 10000)};
    w.jodo.push_back(j);
    w.payments.push_back({"pg_1", "S-1", "1234.5"});
    w.payment_lines.push_back({"pg_1", "TUITION_FEE", "1000.00", "UTR1", "INV-1", "1"});
    w.payment_lines.push_back({"pg_1", "TUITION_FEE", "234.50", "UTR1", "", ""});
    w.bill_lines["INV-1/1"] = "1000";
    w.receipts.push_back({"CR-1", "S-1", "100.00", false});
    w.counter_rows["CR-1"] = {"sent", ""};
    return w;
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
    for (const auto& line : lines)
        if (line.find(text) != std::string::npos)
            return true;
    return false;
}
}  // namespace

TEST(StudentInvariants, PaiseComeFromTheDecimalTextExactly) {
    EXPECT_EQ(parse_paise("1234.5"), 123450);
    EXPECT_EQ(parse_paise("1234.50"), 123450);
    EXPECT_EQ(parse_paise("85000"), 8500000);
    EXPECT_EQ(parse_paise("12401.000"), 1240100);
    EXPECT_EQ(parse_paise("-3.07"), -307);
    EXPECT_EQ(parse_paise("0.1"), 10);
    EXPECT_FALSE(parse_paise("1.005"));  // a fraction of a paisa
    EXPECT_FALSE(parse_paise("1e3"));
    EXPECT_FALSE(parse_paise(""));
    EXPECT_FALSE(parse_paise("."));
}

TEST(StudentInvariants, AGoodWorldHasNoViolations) {
    EXPECT_TRUE(scaleout::student_violations(good_world()).empty())
        << scaleout::joined(scaleout::student_violations(good_world()));
}

TEST(StudentInvariants, ADoubledPostingIsReported) {
    auto w = good_world();
    w.payments.push_back({"pg_1", "S-1", "1234.50"});
    EXPECT_TRUE(mentions(scaleout::student_violations(w), "S2 payment pg_1 of student S-1"))
        << scaleout::joined(scaleout::student_violations(w));
}

TEST(StudentInvariants, ABillLineAllocatedTwiceIsReported) {
    auto w = good_world();
    w.payment_lines.push_back({"pg_2", "TUITION_FEE", "0.01", "", "INV-1", "1"});
    EXPECT_TRUE(mentions(scaleout::student_violations(w),
                         "S2 bill line INV-1/1 (1000) is "
                         "allocated 1000.01"))
        << scaleout::joined(scaleout::student_violations(w));
}

TEST(StudentInvariants, ALostReceiptIsReported) {
    auto w = good_world();
    w.jodo[0].payments.pop_back();  // Jodo never got CR-1
    w.counter_rows["CR-1"] = {"failed", "503"};
    EXPECT_TRUE(mentions(scaleout::student_violations(w), "S3 receipt CR-1 of student S-1: not in"))
        << scaleout::joined(scaleout::student_violations(w));
    w.counter_rows["CR-1"] = {"review", "check Jodo"};  // flagged for a person: allowed
    EXPECT_TRUE(scaleout::student_violations(w).empty());
    w.counter_rows["CR-1"] = {"review", ""};  // flagged without saying why: not allowed
    EXPECT_FALSE(scaleout::student_violations(w).empty());
}

TEST(StudentInvariants, OtherBreakagesAreReported) {
    auto w = good_world();
    w.payments.push_back({"CR-1", "S-1", "100.00"});  // our receipt posted back
    w.payment_lines[1].amount = "234.49";             // pieces short by a paisa
    w.payment_lines[0].settlement_utr = "";           // a settled payment without its UTR
    w.receipts[0].cancelled = true;                   // cancelled, still live in Jodo
    w.module_students["S-1"].state = "registering";   // a registration left half-done
    const auto v = scaleout::student_violations(w);
    EXPECT_TRUE(mentions(v, "S1 student S-1: left 'registering'")) << scaleout::joined(v);
    w.module_students["S-1"].state = "registered";
    const auto v2 = scaleout::student_violations(w);
    EXPECT_TRUE(mentions(v2, "added by the module and posted back")) << scaleout::joined(v2);
    EXPECT_TRUE(mentions(v2, "lines add up to 1234.49")) << scaleout::joined(v2);
    EXPECT_TRUE(mentions(v2, "S4 payment pg_1")) << scaleout::joined(v2);
    EXPECT_TRUE(mentions(v2, "cancelled in the ERP, still live in Jodo")) << scaleout::joined(v2);
}
