// host-sim's reference ERP with its sample students (`host-sim init --sample`)
// read and written through the `reference` profile's student-linked Pay
// statements, exactly as the module runs them, on each database: every
// statement prepares and returns the contract's columns, the sample rows come
// back with their real values, and a payment posted in Jodo lowers what is
// owed by exactly its amount, once.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>

#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/Transaction.hpp"
#include "host_sim/cli/HostCommands.hpp"
#include "jodo/api/money.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "support/ErpDatabases.hpp"
#include "support/ErpFixtures.hpp"

using acceptance::ErpDatabase;
using erp_sql::NativeRows;
using jodo::ErpValues;

namespace {
// "Anita Sharma"'s younger daughter, as the school writes her name: अनन्या शर्मा.
const char* const kAnanya =
    "\xE0\xA4\x85\xE0\xA4\xA8\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xAF\xE0\xA4\xBE "
    "\xE0\xA4\xB6\xE0\xA4\xB0\xE0\xA5\x8D\xE0\xA4\xAE\xE0\xA4\xBE";

class ReferenceStudents : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<ErpDatabase>(GetParam());
        ACCEPTANCE_REQUIRE_DATABASE(*db_);
        host_sim::HostConfig config;
        config.database = db_->connection_string();
        std::ostringstream out;
        ASSERT_EQ(host_sim::command_init(config, true, out), 0) << out.str();
        database_ = std::make_unique<jodo::Database>(db_->connection_string(), 2);
        session_ = std::make_unique<Poco::Data::Session>(database_->session());
        mapping_ = std::make_unique<jodo::ErpMapping>(
            jodo::ErpMappingConfig{}, database_->dialect(), jodo::DatabaseErpSchema(*session_));
    }

    NativeRows query(const std::string& name, const ErpValues& values) {
        return mapping_->query(*session_, name, values);
    }
    // Column `column` of every row, as the driver gives it ("<null>" for NULL).
    static std::vector<std::string> column(const NativeRows& rows, const std::string& column) {
        std::vector<std::string> out;
        const int i = rows.index_of(column);
        for (const auto& row : rows.rows)
            out.push_back(i < 0 ? "<no column>" : row[i].value_or("<null>"));
        return out;
    }
    static std::string at(const NativeRows& rows, std::size_t row, const std::string& name) {
        return column(rows, name).at(row);
    }
    static jodo::Paise paise(const std::string& text) {
        return jodo::parse_rupees(text).value_or(-1);
    }
    jodo::Paise outstanding(const std::string& invoice) {
        return paise(acceptance::erp_scalar(
                         db_->connection_string(),
                         "SELECT outstanding_amount FROM erp_invoices WHERE invoice_id = ?",
                         invoice)
                         .value_or("<null>"));
    }
    std::string scalar(const std::string& sql, const std::string& param) {
        return acceptance::erp_scalar(db_->connection_string(), sql, param).value_or("<null>");
    }

    std::unique_ptr<ErpDatabase> db_;
    std::unique_ptr<jodo::Database> database_;
    std::unique_ptr<Poco::Data::Session> session_;
    std::unique_ptr<jodo::ErpMapping> mapping_;
};
}  // namespace

TEST_P(ReferenceStudents, EveryStudentStatementPreparesAndReturnsTheContractsColumns) {
    for (const auto& spec : jodo::erp_statement_specs())
        EXPECT_TRUE(mapping_->has(spec.name)) << spec.name;
    EXPECT_NO_THROW(mapping_->check(*session_));
}

TEST_P(ReferenceStudents, SampleStudentsAndTheirFamilies) {
    // One that left the school is not offered.
    acceptance::run_sql(db_->connection_string(),
                        "INSERT INTO erp_students (student_id, family_id, fullname, grade, "
                        "academic_year_start, active) VALUES "
                        "('S-P-199', 'FAM-MEHTA', 'Tara Mehta', 'Grade 5', 2026, 0)");
    EXPECT_EQ(column(query("students", {}), "student_id"),
              (std::vector<std::string>{"S-P-100", "S-P-101", "S-P-103", "S-P-104", "S-P-105",
                                        "S-P-106"}));
    EXPECT_EQ(column(query("students", {{"grade", "Grade 5"}}), "student_id"),
              (std::vector<std::string>{"S-P-100", "S-P-106"}));
    EXPECT_EQ(query("students", {{"academic_year_start", "2026"}}).rows.size(), 6u);
    EXPECT_TRUE(query("students", {{"academic_year_start", "2025"}}).rows.empty());
    EXPECT_TRUE(query("student", {{"student_id", "S-P-199"}}).rows.empty());

    const NativeRows ananya = query("student", {{"student_id", "S-P-104"}});
    ASSERT_EQ(ananya.rows.size(), 1u);
    EXPECT_EQ(at(ananya, 0, "student_id"), "S-P-104");
    EXPECT_EQ(at(ananya, 0, "registration_id"), "FAM-SHARMA");
    EXPECT_EQ(at(ananya, 0, "fullname"), kAnanya);
    EXPECT_EQ(at(ananya, 0, "grade"), "Grade 2");
    EXPECT_EQ(at(ananya, 0, "academic_year_start"), "2026");
    EXPECT_EQ(at(ananya, 0, "academic_year_end"), "2027");
    EXPECT_EQ(at(ananya, 0, "date_of_birth"), "2019-08-03");
    EXPECT_EQ(at(ananya, 0, "primary_contact_name"), "Anita Sharma");
    EXPECT_EQ(at(ananya, 0, "primary_contact_number"), "9876543210");
    EXPECT_EQ(at(ananya, 0, "primary_contact_email"), "anita.sharma@example.com");
    EXPECT_EQ(at(ananya, 0, "new_admission"), "0");
    // Siblings share the family (Jodo's registration).
    EXPECT_EQ(at(query("student", {{"student_id", "S-P-100"}}), 0, "registration_id"),
              "FAM-SHARMA");
    const NativeRows meera = query("student", {{"student_id", "S-P-101"}});
    EXPECT_EQ(at(meera, 0, "registration_id"), "FAM-RAO");
    EXPECT_EQ(at(meera, 0, "new_admission"), "1");
    EXPECT_EQ(at(meera, 0, "primary_contact_number"), "+91 98450 12345");
}

TEST_P(ReferenceStudents, FeeStructuresWithTheSiblingDiscount) {
    const NativeRows fees = query("student_fees", {{"student_id", "S-P-104"}});
    EXPECT_EQ(column(fees, "component_type"),
              (std::vector<std::string>{"TRANSPORT_FEE", "TUITION_FEE"}));
    ASSERT_EQ(fees.rows.size(), 2u);
    EXPECT_EQ(paise(at(fees, 0, "fee_amount")), 1240100);
    EXPECT_EQ(at(fees, 0, "discount_type"), "<null>");
    EXPECT_EQ(at(fees, 0, "discount_value"), "<null>");
    EXPECT_EQ(paise(at(fees, 1, "fee_amount")), 6000000);
    EXPECT_EQ(at(fees, 1, "discount_type"), "SIBLING");
    EXPECT_EQ(paise(at(fees, 1, "discount_value")), 600000);
    EXPECT_EQ(query("student_fees", {{"student_id", "S-P-100"}}).rows.size(), 3u);
}

TEST_P(ReferenceStudents, OpenBillsAreTheLinesOfTheStudentsInvoices) {
    const NativeRows rohan = query("student_open_bills", {{"student_id", "S-P-100"}});
    EXPECT_EQ(column(rohan, "invoice_id"),
              (std::vector<std::string>{"INV-2026-0001", "INV-2026-0001", "INV-2026-0001"}));
    EXPECT_EQ(column(rohan, "line_no"), (std::vector<std::string>{"1", "2", "3"}));
    EXPECT_EQ(column(rohan, "component_type"),
              (std::vector<std::string>{"TUITION_FEE", "TRANSPORT_FEE", "LAB_FEE"}));
    ASSERT_EQ(rohan.rows.size(), 3u);
    EXPECT_EQ(paise(at(rohan, 0, "amount_due")), 4250000);
    EXPECT_EQ(paise(at(rohan, 1, "amount_due")), 620050);
    EXPECT_EQ(paise(at(rohan, 2, "amount_due")), 150000);
    const NativeRows meera = query("student_open_bills", {{"student_id", "S-P-101"}});
    ASSERT_EQ(meera.rows.size(), 1u);
    EXPECT_EQ(at(meera, 0, "component_type"), "ADMISSION_FEE");
    EXPECT_EQ(paise(at(meera, 0, "amount_due")), 2500000);
    // Ananya has no invoice; Kabir's is paid in full.
    EXPECT_TRUE(query("student_open_bills", {{"student_id", "S-P-104"}}).rows.empty());
    acceptance::run_sql(db_->connection_string(),
                        "UPDATE erp_invoices SET outstanding_amount = 0 "
                        "WHERE invoice_id = 'INV-2026-0004'");
    EXPECT_TRUE(query("student_open_bills", {{"student_id", "S-P-103"}}).rows.empty());
}

TEST_P(ReferenceStudents, CounterReceiptsCancelledOrNot) {
    const NativeRows all = query("counter_payments", {});
    EXPECT_EQ(column(all, "receipt_id"),
              (std::vector<std::string>{"CR-2026-0001", "CR-2026-0002"}));
    ASSERT_EQ(all.rows.size(), 2u);
    EXPECT_EQ(at(all, 0, "student_id"), "S-P-105");
    EXPECT_EQ(paise(at(all, 0, "amount")), 1500000);
    EXPECT_EQ(at(all, 0, "paid_at"), "2026-11-26T04:45:00Z");
    EXPECT_EQ(at(all, 0, "mode"), "cash");
    EXPECT_EQ(at(all, 0, "settlement_utr"), "<null>");
    EXPECT_EQ(at(all, 1, "mode"), "cheque");
    EXPECT_EQ(at(all, 1, "notes"), "Cheque 004512, HDFC Bank");
    EXPECT_EQ(column(query("counter_payments", {{"student_id", "S-P-106"}}), "receipt_id"),
              (std::vector<std::string>{"CR-2026-0002"}));

    const NativeRows lines = query("counter_payment_lines", {{"receipt_id", "CR-2026-0001"}});
    EXPECT_EQ(column(lines, "component_type"),
              (std::vector<std::string>{"TUITION_FEE", "TRANSPORT_FEE"}));
    ASSERT_EQ(lines.rows.size(), 2u);
    EXPECT_EQ(paise(at(lines, 0, "amount")), 1200000);
    EXPECT_EQ(paise(at(lines, 1, "amount")), 300000);

    EXPECT_TRUE(query("cancelled_counter_payments", {}).rows.empty());
    acceptance::run_sql(db_->connection_string(),
                        "UPDATE erp_counter_receipts SET cancelled = 1 "
                        "WHERE receipt_id = 'CR-2026-0002'");
    EXPECT_EQ(column(query("counter_payments", {}), "receipt_id"),
              (std::vector<std::string>{"CR-2026-0001"}));
    EXPECT_EQ(column(query("cancelled_counter_payments", {}), "receipt_id"),
              (std::vector<std::string>{"CR-2026-0002"}));

    mapping_->write_back(*session_, "on_counter_payment",
                         {{"receipt_id", "CR-2026-0001"},
                          {"student_id", "S-P-105"},
                          {"jodo_student_id", "JODO-STU-105"},
                          {"status", "sent"},
                          {"reason", std::nullopt}});
    EXPECT_EQ(
        scalar("SELECT jodo_status FROM erp_counter_receipts WHERE receipt_id = ?", "CR-2026-0001"),
        "sent");
}

TEST_P(ReferenceStudents, APaymentInJodoLowersWhatIsOwedByExactlyItsAmountOnce) {
    const jodo::Paise before = outstanding("INV-2026-0001");
    ASSERT_EQ(before, 5020050);
    mapping_->write_back(*session_, "on_student_registered",
                         {{"student_id", "S-P-100"},
                          {"jodo_student_id", "JODO-STU-100"},
                          {"registration_id", "FAM-SHARMA"}});
    EXPECT_EQ(scalar("SELECT jodo_student_id FROM erp_students WHERE student_id = ?", "S-P-100"),
              "JODO-STU-100");

    const ErpValues payment = {{"payment_id", "JP-0001"},
                               {"student_id", "S-P-100"},
                               {"jodo_student_id", "JODO-STU-100"},
                               {"amount", "43500.00"},
                               {"paid_at", "2026-11-28T05:30:00Z"},
                               {"mode", "upi"},
                               {"product", "pay"},
                               {"advance_amount", "0.00"}};
    auto line = [](const std::string& line_no, const std::string& component,
                   const std::string& amount, const std::string& invoice_line) {
        return ErpValues{{"payment_id", "JP-0001"},
                         {"student_id", "S-P-100"},
                         {"line_no", line_no},
                         {"component_type", component},
                         {"amount", amount},
                         {"invoice_id", "INV-2026-0001"},
                         {"invoice_line_no", invoice_line}};
    };
    {
        erp_sql::Transaction tx(*session_);
        mapping_->write_back(*session_, "on_student_payment", payment);
        mapping_->write_back(*session_, "on_student_payment_line",
                             line("1", "TUITION_FEE", "42500.00", "1"));
        mapping_->write_back(*session_, "on_student_payment_line",
                             line("2", "TRANSPORT_FEE", "1000.00", "2"));
        tx.commit();
    }
    EXPECT_EQ(outstanding("INV-2026-0001"), before - 4350000);
    // The tuition line is paid; 5,200.50 of transport and the lab fee are left.
    const NativeRows bills = query("student_open_bills", {{"student_id", "S-P-100"}});
    EXPECT_EQ(column(bills, "component_type"),
              (std::vector<std::string>{"TRANSPORT_FEE", "LAB_FEE"}));
    ASSERT_EQ(bills.rows.size(), 2u);
    EXPECT_EQ(paise(at(bills, 0, "amount_due")), 520050);
    EXPECT_EQ(paise(at(bills, 1, "amount_due")), 150000);

    // An advance (nothing open to allocate to) reduces no invoice.
    {
        erp_sql::Transaction tx(*session_);
        mapping_->write_back(*session_, "on_student_payment",
                             {{"payment_id", "JP-0002"},
                              {"student_id", "S-P-104"},
                              {"amount", "5000.00"},
                              {"paid_at", "2026-11-28T06:00:00Z"},
                              {"mode", "card"},
                              {"product", "pay"},
                              {"advance_amount", "5000.00"}});
        mapping_->write_back(*session_, "on_student_payment_line",
                             {{"payment_id", "JP-0002"},
                              {"student_id", "S-P-104"},
                              {"line_no", "1"},
                              {"component_type", "TUITION_FEE"},
                              {"amount", "5000.00"},
                              {"invoice_id", std::nullopt},
                              {"invoice_line_no", std::nullopt}});
        tx.commit();
    }
    EXPECT_EQ(outstanding("INV-2026-0001"), before - 4350000);
    EXPECT_EQ(paise(scalar("SELECT advance_amount FROM erp_student_payments WHERE payment_id = ?",
                           "JP-0002")),
              500000);

    // Jodo tells us again: the primary key refuses a second posting.
    {
        erp_sql::Transaction tx(*session_);
        EXPECT_THROW(mapping_->write_back(*session_, "on_student_payment", payment),
                     erp_sql::NativeError);
    }
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM erp_student_payments WHERE student_id = ?", "S-P-100"),
              "1");
    EXPECT_EQ(outstanding("INV-2026-0001"), before - 4350000);

    mapping_->write_back(*session_, "on_student_payment_settled",
                         {{"payment_id", "JP-0001"},
                          {"student_id", "S-P-100"},
                          {"line_no", "2"},
                          {"component_type", "TRANSPORT_FEE"},
                          {"amount", "1000.00"},
                          {"settlement_utr", "UTR26112800042"},
                          {"settled_at", "2026-11-29T09:00:00Z"}});
    EXPECT_EQ(scalar("SELECT settlement_utr FROM erp_student_payment_lines "
                     "WHERE payment_id = ? AND line_no = 2",
                     "JP-0001"),
              "UTR26112800042");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM erp_student_payment_lines "
                     "WHERE payment_id = ? AND settlement_utr IS NOT NULL",
                     "JP-0001"),
              "1");
}

// `host-sim init --sample` run again changes nothing that is there.
TEST_P(ReferenceStudents, InitAgainKeepsTheSampleAsItIs) {
    host_sim::HostConfig config;
    config.database = db_->connection_string();
    std::ostringstream out;
    ASSERT_EQ(host_sim::command_init(config, true, out), 0);
    EXPECT_EQ(query("students", {}).rows.size(), 6u);
    EXPECT_EQ(query("counter_payments", {}).rows.size(), 2u);
    EXPECT_EQ(query("counter_payment_lines", {{"receipt_id", "CR-2026-0001"}}).rows.size(), 2u);
    EXPECT_EQ(query("student_fees", {{"student_id", "S-P-104"}}).rows.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Databases, ReferenceStudents,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
