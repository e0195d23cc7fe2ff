// Student-linked Pay end to end, on a home-grown school ERP mapped by its
// administrator's own statements (fixtures/erp/school-students.sql): students
// registered once and updated only when they change, a parent's payment in
// Jodo posted once however often it is reported, a counter receipt sent once
// and cancelled. Real HTTP to the sandbox, real ODBC to each database.
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "jodo/api/money.hpp"
#include "support/ErpDatabases.hpp"
#include "support/ErpFixtures.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::erp_scalar;
using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {

// The statements docs/erp-mapping.md gives a home-grown school ("A home-grown
// school ERP: all twelve statements"), read from the page itself, so the
// documented example is the one that runs.
std::map<std::string, std::string> school_student_statements() {
    std::ifstream page(std::string(JODO_DOCS_DIR) + "/erp-mapping.md");
    std::string line;
    bool in_section = false, in_block = false;
    std::map<std::string, std::string> statements;
    while (std::getline(page, line)) {
        if (line.rfind("### ", 0) == 0)
            in_section = line == "### A home-grown school ERP: all twelve statements";
        else if (in_section && line == "```ini")
            in_block = true;
        else if (in_block && line == "```")
            break;
        else if (in_block && line.rfind("erp.", 0) == 0) {
            const auto eq = line.find(" = ");
            statements["jodo." + line.substr(0, eq)] = line.substr(eq + 3);
        }
    }
    return statements;
}

class StudentPay : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<ErpDatabase>(GetParam());
        ACCEPTANCE_REQUIRE_DATABASE(*db_);
        acceptance::load_erp_fixture(connection(), "school");
        acceptance::load_erp_fixture(connection(), "school-students");
        HarnessOptions options;
        options.settings = school_student_statements();
        ASSERT_EQ(options.settings.size(), 12u) << "docs/erp-mapping.md lost statements";
        options.webhook_secret = "whsec_students";
        h_ = std::make_unique<LifecycleHarness>(connection(), options);
        ASSERT_EQ(h_->plugin_start_error(), "");
    }
    const std::string& connection() const { return db_->connection_string(); }
    std::string scalar(const std::string& sql, const std::string& param) {
        return erp_scalar(connection(), sql, param).value_or("<null>");
    }
    std::int64_t jodo_id(const std::string& roll_no) {
        return std::stoll(scalar("SELECT jodo_ref FROM pupils WHERE roll_no = ?", roll_no));
    }
    LifecycleHarness& h() { return *h_; }

    std::unique_ptr<ErpDatabase> db_;
    std::unique_ptr<LifecycleHarness> h_;
};

}  // namespace

TEST_P(StudentPay, StudentsAreRegisteredOnceAndUpdatedOnlyWhenTheyChange) {
    auto first = h().batch("sync_students");
    ASSERT_TRUE(first.status.ok()) << first.status.message;
    EXPECT_EQ(output(first, "students"), "2");
    EXPECT_EQ(output(first, "registered"), "2");
    ASSERT_EQ(h().sandbox().student_ids().size(), 2u);

    // What Jodo holds is what the ERP holds, with the documented types.
    const auto meera = h().sandbox().student(jodo_id("R-42"));
    ASSERT_TRUE(meera);
    EXPECT_EQ(meera->registration_id, "G-7");
    EXPECT_EQ(meera->profile.fullname, "Meera Rao");
    EXPECT_EQ(meera->profile.identifier, "R-42");
    EXPECT_EQ(meera->profile.grade, "V-A");
    EXPECT_EQ(meera->profile.academic_year_start, 2026);
    EXPECT_EQ(meera->profile.date_of_birth, "2016-04-02");
    EXPECT_EQ(meera->profile.primary_contact_number, "9845012345");
    ASSERT_EQ(meera->fees.size(), 2u);
    const auto arjun = h().sandbox().student(jodo_id("R-43"));
    ASSERT_TRUE(arjun);
    EXPECT_EQ(arjun->registration_id, "G-7");  // siblings share the family
    EXPECT_TRUE(arjun->profile.new_admission);
    ASSERT_EQ(arjun->fees.size(), 1u);
    EXPECT_EQ(arjun->fees[0].fee_amount, 2500000);
    ASSERT_EQ(arjun->fees[0].discounts.size(), 1u);
    EXPECT_EQ(arjun->fees[0].discounts[0].value, 200000);

    // A second run sends nothing.
    const std::size_t before = h().sandbox().api_request_count();
    auto second = h().batch("sync_students");
    ASSERT_TRUE(second.status.ok()) << second.status.message;
    EXPECT_EQ(output(second, "unchanged"), "2");
    EXPECT_EQ(h().sandbox().api_request_count(), before);

    // A changed name is one PATCH; a changed fee is one PATCH.
    acceptance::run_sql(connection(),
                        "UPDATE pupils SET pupil = 'Meera V. Rao' WHERE roll_no = 'R-42'");
    auto renamed = h().batch("sync_students");
    EXPECT_EQ(output(renamed, "updated"), "1");
    EXPECT_EQ(h().sandbox().api_request_count(), before + 1);
    EXPECT_EQ(h().sandbox().student(jodo_id("R-42"))->profile.fullname, "Meera V. Rao");
    acceptance::run_sql(connection(),
                        "UPDATE pupil_fee_heads SET amt = 26000 "
                        "WHERE roll_no = 'R-43' AND head = 'Tuition'");
    auto status = h().student_action("student_status", "R-43");
    EXPECT_EQ(output(status, "pending"), "fees");
    auto refee = h().student_action("sync_student", "R-43");
    ASSERT_TRUE(refee.status.ok()) << refee.status.message;
    EXPECT_EQ(output(refee, "outcome"), "updated");
    EXPECT_EQ(h().sandbox().api_request_count(), before + 2);
    EXPECT_EQ(h().sandbox().student(jodo_id("R-43"))->fees[0].fee_amount, 2600000);
    EXPECT_EQ(output(h().student_action("student_status", "R-43"), "pending"), "");
}

TEST_P(StudentPay, AParentsPaymentInJodoBecomesExactlyOneErpReceipt) {
    ASSERT_TRUE(h().batch("sync_students").status.ok());
    const std::int64_t meera = jodo_id("R-42");
    h().sandbox().duplicate_next_webhooks(1);
    const std::string payment_id = h().sandbox().pay_student(meera);
    ASSERT_TRUE(h().sandbox().wait_for_webhooks(10000));
    h().batch("process_webhooks");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jodo_paid WHERE payment_ref = ?", payment_id), "1");
    // Pulls and the same event again change nothing.
    for (int i = 0; i < 3; ++i) {
        auto pull = h().batch("pull_student_payments");
        ASSERT_TRUE(pull.status.ok()) << pull.status.message;
        EXPECT_EQ(output(pull, "posted"), "0");
    }
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jodo_paid WHERE payment_ref = ?", payment_id), "1");
    // Everything outstanding, allocated to the bill lines of the same heads.
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jodo_paid_heads WHERE payment_ref = ? "
                     "AND bill_no IS NULL",
                     payment_id),
              "0");
    // The bill owed 12,500 of its 25,000 lines (school.sql): the lines' dues, not
    // the balance, are what this school's statement allocates by.
    EXPECT_EQ(scalar("SELECT CASE WHEN balance = -12500 THEN 'exact' ELSE 'wrong' END "
                     "FROM fee_bills WHERE bill_no = ?",
                     "B/26/0001"),
              "exact");

    // Settled on 6 December 2026, 19:00 UTC: 7 December in India.
    h().sandbox().set_clock([] { return std::int64_t{1796583600}; });
    const auto utrs = h().sandbox().settle_student_payment(meera, payment_id);
    h().sandbox().set_clock({});
    ASSERT_FALSE(utrs.empty());
    ASSERT_TRUE(h().sandbox().wait_for_webhooks(10000));
    h().batch("process_webhooks");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jodo_paid_heads WHERE payment_ref = ? AND utr IS NULL",
                     payment_id),
              "0");

    // The settlement report counts it under its UTRs, with the student and
    // no invoice, to the paisa of what the parent paid.
    const auto report =
        h().batch("settlement_report", {{"from", "2026-12-07"}, {"to", "2026-12-07"}});
    ASSERT_TRUE(report.status.ok()) << report.status.message;
    EXPECT_EQ(output(report, "total.payments"), "1");
    EXPECT_EQ(output(report, "total.students"), "1");
    EXPECT_EQ(output(report, "total.invoices"), "0");
    EXPECT_EQ(output(report, "row.1.student_ids"), "R-42");
    EXPECT_EQ(output(report, "rows"),
              std::to_string(std::set<std::string>(utrs.begin(), utrs.end()).size()));
    const auto paid = jodo::parse_rupees(
        scalar("SELECT amount FROM jodo_student_payments WHERE payment_id = ?", payment_id));
    ASSERT_TRUE(paid.has_value());
    EXPECT_EQ(output(report, "total.total"), jodo::format_rupees(*paid));
    EXPECT_EQ(output(h().batch("settlement_report", {{"from", "2026-12-06"}, {"to", "2026-12-06"}}),
                     "rows"),
              "0")
        << "a school day in India";
}

TEST_P(StudentPay, ACounterReceiptReachesJodoOnceAndItsCancellationCancelsIt) {
    ASSERT_TRUE(h().batch("sync_students").status.ok());
    auto push = h().batch("push_counter_payments");
    ASSERT_TRUE(push.status.ok()) << push.status.message;
    EXPECT_EQ(output(push, "sent"), "1");
    EXPECT_EQ(scalar("SELECT jodo_state FROM counter_receipts WHERE receipt_no = ?", "CR-1"),
              "sent");
    const auto meera = h().sandbox().student(jodo_id("R-42"));
    ASSERT_EQ(meera->payments.size(), 1u);
    EXPECT_EQ(meera->payments[0].transaction_id, "CR-1");
    EXPECT_EQ(meera->payments[0].amount, 500000);
    EXPECT_EQ(meera->payments[0].mode, "cash");

    const std::size_t before = h().sandbox().api_request_count();
    EXPECT_EQ(output(h().batch("push_counter_payments"), "sent"), "0");
    EXPECT_EQ(h().sandbox().api_request_count(), before);
    // Never posted back as a payment made in Jodo.
    EXPECT_EQ(output(h().batch("pull_student_payments"), "posted"), "0");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jodo_paid WHERE roll_no = ?", "R-42"), "0");

    acceptance::run_sql(connection(),
                        "UPDATE counter_receipts SET cancelled = 1 WHERE receipt_no = 'CR-1'");
    auto cancel = h().batch("push_counter_payments");
    ASSERT_TRUE(cancel.status.ok()) << cancel.status.message;
    EXPECT_EQ(output(cancel, "cancelled"), "1");
    EXPECT_TRUE(h().sandbox().student(jodo_id("R-42"))->payments[0].cancelled);
    EXPECT_EQ(scalar("SELECT jodo_state FROM counter_receipts WHERE receipt_no = ?", "CR-1"),
              "cancelled");
}

TEST_P(StudentPay, ALostAddPaymentAnswerIsResolvedFromListPayments) {
    ASSERT_TRUE(h().batch("sync_students").status.ok());
    h().sandbox().inject_next(1, jodo::sandbox::Fault{jodo::sandbox::FaultKind::drop_after_commit},
                              "POST", "/api/v1/integrations/erp/students");
    auto push = h().batch("push_counter_payments");
    EXPECT_EQ(output(push, "confirmed"), "1") << push.status.message;
    EXPECT_EQ(h().sandbox().student(jodo_id("R-42"))->payments.size(), 1u);
    EXPECT_EQ(scalar("SELECT jodo_state FROM counter_receipts WHERE receipt_no = ?", "CR-1"),
              "sent");
}

TEST_P(StudentPay, JodoWritingIdsYearsAndAmountsAsStringsIsReadTheSame) {
    // Every tolerance at once: ids, years and amounts as strings, unknown fields.
    jodo::sandbox::AnswerShape shape;
    shape.amounts = jodo::sandbox::AmountStyle::strings;
    shape.years = jodo::sandbox::YearStyle::strings;
    shape.string_ids = true;
    shape.extra_fields = true;
    h().sandbox().set_answer_shape(shape);
    auto synced = h().batch("sync_students");
    ASSERT_TRUE(synced.status.ok()) << synced.status.message;
    EXPECT_EQ(output(synced, "registered"), "2");
    const std::int64_t meera = jodo_id("R-42");
    const std::string payment_id = h().sandbox().pay_student(meera);
    ASSERT_TRUE(h().sandbox().wait_for_webhooks(10000));
    h().batch("process_webhooks");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jodo_paid WHERE payment_ref = ?", payment_id), "1");
    EXPECT_EQ(scalar("SELECT CASE WHEN amount = 25000 THEN 'exact' ELSE 'wrong' END FROM "
                     "jodo_paid WHERE payment_ref = ?",
                     payment_id),
              "exact");
    EXPECT_EQ(output(h().batch("pull_student_payments"), "posted"), "0");
}

INSTANTIATE_TEST_SUITE_P(Databases, StudentPay, testing::Values("sqlite", "postgresql", "mariadb"));
