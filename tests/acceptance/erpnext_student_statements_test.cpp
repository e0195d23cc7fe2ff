// The erpnext-fees profile's Student-linked Pay statements on ERPNext's and
// Education's real table layouts (shared/erpnext_real/ddl with
// education-v15-extra), on each database: they prepare at start, and on a
// seeded school they return the student, the family, the fee structure, the
// open bills, the counter receipts and write what docs/erp-mapping.md says.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "jodo/api/money.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "support/ErpDatabases.hpp"
#include "support/ErpFixtures.hpp"
#include "support/ErpProfileCases.hpp"

using acceptance::erp_scalar;
using acceptance::ErpDatabase;

namespace {
using Row = std::map<std::string, std::string>;

const std::vector<std::string> kFixtures = {"shared:erpnext_real+jodo", "education-v15-extra",
                                            "erpnext-fees.data", "erpnext-students.data"};

class ErpnextStudents : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db = std::make_unique<ErpDatabase>(GetParam());
        if (db->connection_string().empty()) {
            if (db->required())
                FAIL() << db->unavailable_reason();
            GTEST_SKIP() << db->unavailable_reason();
        }
        std::string why;
        if (!acceptance::shared_erpnext_real_available(&why)) {
            const char* required = std::getenv("JODO_REQUIRE_ERPNEXT_REAL");
            if (required && std::string(required) == "1")
                FAIL() << why;
            GTEST_SKIP() << why;
        }
        conn = db->connection_string();
        for (const auto& fixture : kFixtures)
            acceptance::load_erp_fixture(conn, fixture);
        erp_sql::OdbcSessionOptions options;
        options.mariadb_session_setup = true;
        session = std::make_unique<Poco::Data::Session>(erp_sql::open_odbc_session(conn, options));
        schema = std::make_unique<jodo::DatabaseErpSchema>(*session);
        jodo::ErpMappingConfig config;
        config.profile = "erpnext-fees";
        mapping = std::make_unique<jodo::ErpMapping>(config, erp_sql::dialect_of(conn), *schema);
    }

    std::vector<Row> query(const std::string& name, const jodo::ErpValues& values) {
        const auto rows = mapping->query(*session, name, values);
        std::vector<Row> out;
        for (const auto& r : rows.rows) {
            Row row;
            for (std::size_t i = 0; i < rows.columns.size(); ++i)
                row[rows.columns[i]] = r[i].value_or("<null>");
            out.push_back(row);
        }
        return out;
    }
    std::string scalar(const std::string& sql, const std::string& param) {
        return erp_scalar(conn, sql, param).value_or("<null>");
    }

    std::unique_ptr<ErpDatabase> db;
    std::string conn;
    std::unique_ptr<Poco::Data::Session> session;
    std::unique_ptr<jodo::DatabaseErpSchema> schema;
    std::unique_ptr<jodo::ErpMapping> mapping;
};

std::int64_t paise(const std::string& text) {
    return jodo::parse_rupees(text).value_or(-1);
}
}  // namespace

TEST_P(ErpnextStudents, EveryStudentStatementIsThereAndPreparesOnTheRealTables) {
    EXPECT_NE(mapping->layout().find("Student-linked Pay"), std::string::npos) << mapping->layout();
    for (const auto& spec : jodo::erp_statement_specs())
        EXPECT_TRUE(mapping->has(spec.name)) << spec.name;
    try {
        mapping->check(*session);
    } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
    }
}

TEST_P(ErpnextStudents, AStudentHasTheFirstGuardianAsFamilyAndTheLatestEnrollment) {
    auto students = query("students", {});
    ASSERT_EQ(students.size(), 3u);  // the one who left is not there
    EXPECT_EQ(students[0]["student_id"], "EDU-STU-2026-00042");
    EXPECT_EQ(query("students", {{"grade", "Grade 2"}}).size(), 1u);
    EXPECT_EQ(query("students", {{"academic_year", "2025-26"}}).size(), 1u);

    auto meera = query("student", {{"student_id", "EDU-STU-2026-00042"}});
    ASSERT_EQ(meera.size(), 1u);
    EXPECT_EQ(meera[0]["registration_id"], "EDU-GRD-2026-00007");
    EXPECT_EQ(meera[0]["fullname"], "Meera Rao");
    EXPECT_EQ(meera[0]["grade"], "Grade 5");  // not last year's, not the draft
    EXPECT_EQ(meera[0]["academic_year_start"], "2026");
    EXPECT_EQ(meera[0]["academic_year_end"], "2027");
    EXPECT_EQ(meera[0]["date_of_birth"], "2014-06-02");
    EXPECT_EQ(meera[0]["primary_contact_number"], "+91 98450 12345");
    EXPECT_EQ(meera[0]["primary_contact_email"], "vikram.rao@example.com");
    EXPECT_EQ(meera[0]["new_admission"], "0");
    // Her brother shares the family; he joined this year.
    auto arjun = query("student", {{"student_id", "EDU-STU-2026-00043"}});
    ASSERT_EQ(arjun.size(), 1u);
    EXPECT_EQ(arjun[0]["registration_id"], meera[0]["registration_id"]);
    EXPECT_EQ(arjun[0]["new_admission"], "1");
    // No guardian: her own family, her own contact, her name from its parts.
    auto kiran = query("student", {{"student_id", "EDU-STU-2026-00050"}});
    ASSERT_EQ(kiran.size(), 1u);
    EXPECT_EQ(kiran[0]["registration_id"], "EDU-STU-2026-00050");
    EXPECT_EQ(kiran[0]["fullname"], "Kiran Das");
    EXPECT_EQ(kiran[0]["primary_contact_name"], "Kiran Das");
    EXPECT_EQ(kiran[0]["primary_contact_number"], "+91 99000 11122");
    EXPECT_EQ(kiran[0]["grade"], "<null>");
}

TEST_P(ErpnextStudents, FeesComeFromTheFeeStructureOfTheEnrollment) {
    auto fees = query("student_fees", {{"student_id", "EDU-STU-2026-00042"}});
    ASSERT_EQ(fees.size(), 3u);
    EXPECT_EQ(fees[0]["component_type"], "Tuition Fee");
    EXPECT_EQ(paise(fees[0]["fee_amount"]), 4000000);
    EXPECT_EQ(fees[0]["discount_type"], "Fee Structure Discount");
    EXPECT_EQ(paise(fees[0]["discount_value"]), 400000);
    EXPECT_EQ(fees[1]["component_type"], "Transport Fee");
    EXPECT_EQ(paise(fees[1]["fee_amount"]), 1000000);
    EXPECT_EQ(fees[1]["discount_value"], "<null>");
    EXPECT_EQ(fees[2]["component_type"], "Annual Day");
    EXPECT_EQ(paise(fees[2]["fee_amount"]), 150000);
    EXPECT_TRUE(query("student_fees", {{"student_id", "EDU-STU-2026-00050"}}).empty());
}

TEST_P(ErpnextStudents, OpenBillsOweWhatIsLeftOfEachLineOldestFirst) {
    auto bills = query("student_open_bills", {{"student_id", "EDU-STU-2026-00042"}});
    ASSERT_EQ(bills.size(), 5u);
    const std::vector<std::tuple<std::string, std::string, std::string, std::int64_t>> want = {
        {"EDU-FEE-2026-00004", "1", "Tuition Fee", 1800000},  // the concession comes off first
        {"EDU-FEE-2026-00004", "2", "Transport Fee", 500000},
        {"EDU-FEE-2026-00001", "1", "Tuition Fee", 750000},  // 12,500 paid off tuition
        {"EDU-FEE-2026-00001", "2", "Transport Fee", 500000},
        {"EDU-FEE-2026-00002", "1", "Annual Day", 75050}};
    for (std::size_t i = 0; i < want.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(bills[i]["invoice_id"], std::get<0>(want[i]));
        EXPECT_EQ(bills[i]["line_no"], std::get<1>(want[i]));
        EXPECT_EQ(bills[i]["component_type"], std::get<2>(want[i]));
        EXPECT_EQ(paise(bills[i]["amount_due"]), std::get<3>(want[i]));
    }
    auto arjun = query("student_open_bills", {{"student_id", "EDU-STU-2026-00043"}});
    ASSERT_EQ(arjun.size(), 1u);
    EXPECT_EQ(arjun[0]["component_type"], "Transport Fee");
    EXPECT_EQ(paise(arjun[0]["amount_due"]), 300000);
}

TEST_P(ErpnextStudents, CounterReceiptsAreTheSchoolsOwnSplitByFeeLine) {
    auto receipts = query("counter_payments", {});
    ASSERT_EQ(receipts.size(), 3u);
    EXPECT_EQ(receipts[0]["receipt_id"], "ACC-PAY-2026-00001");
    EXPECT_EQ(receipts[0]["student_id"], "EDU-STU-2026-00042");
    EXPECT_EQ(paise(receipts[0]["amount"]), 1250000);
    EXPECT_EQ(receipts[0]["paid_at"], "2026-11-25");
    EXPECT_EQ(receipts[0]["mode"], "cash");
    EXPECT_EQ(receipts[1]["mode"], "cheque");
    EXPECT_EQ(receipts[1]["settlement_utr"], "<null>");
    EXPECT_EQ(receipts[2]["mode"], "bank_transfer");
    EXPECT_EQ(receipts[2]["settlement_utr"], "UTR-HDFC-0042");

    auto lines = [&](const std::string& receipt) {
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (auto& row : query("counter_payment_lines", {{"receipt_id", receipt}}))
            out.emplace_back(row["component_type"], paise(row["amount"]));
        return out;
    };
    using Lines = std::vector<std::pair<std::string, std::int64_t>>;
    EXPECT_EQ(lines("ACC-PAY-2026-00001"), (Lines{{"Tuition Fee", 1250000}}));
    EXPECT_EQ(lines("ACC-PAY-2026-00002"), (Lines{{"Tuition Fee", 900000}, {"Advance", 50000}}));
    // After the cheque's 9,000: the rest of tuition, then transport.
    EXPECT_EQ(lines("ACC-PAY-2026-00003"),
              (Lines{{"Tuition Fee", 1600000}, {"Transport Fee", 200000}}));

    auto cancelled = query("cancelled_counter_payments", {});
    ASSERT_EQ(cancelled.size(), 1u);
    EXPECT_EQ(cancelled[0]["receipt_id"], "ACC-PAY-2026-00008");
}

TEST_P(ErpnextStudents, WriteBacksSetCustomFieldsAndQueueIntegrationRequests) {
    mapping->write_back(*session, "on_student_registered",
                        {{"student_id", "EDU-STU-2026-00042"},
                         {"jodo_student_id", "stu_8f2"},
                         {"registration_id", "EDU-GRD-2026-00007"}});
    EXPECT_EQ(
        scalar("SELECT jodo_student_id FROM \"tabStudent\" WHERE name = ?", "EDU-STU-2026-00042"),
        "stu_8f2");

    mapping->write_back(*session, "on_student_payment",
                        {{"payment_id", "pay_9"},
                         {"student_id", "EDU-STU-2026-00042"},
                         {"jodo_student_id", "stu_8f2"},
                         {"amount", "8000.00"},
                         {"paid_at", "2026-12-02T05:30:00Z"},
                         {"mode", "upi"},
                         {"product", "Pay \"Now\""},
                         {"advance_amount", "500.00"}});
    mapping->write_back(*session, "on_student_payment_line",
                        {{"payment_id", "pay_9"},
                         {"student_id", "EDU-STU-2026-00042"},
                         {"line_no", "1"},
                         {"component_type", "Tuition Fee"},
                         {"amount", "7500.00"},
                         {"invoice_id", "EDU-FEE-2026-00001"},
                         {"invoice_line_no", "1"}});
    mapping->write_back(*session, "on_student_payment_line",
                        {{"payment_id", "pay_9"},
                         {"student_id", "EDU-STU-2026-00042"},
                         {"line_no", "2"},
                         {"component_type", "Tuition Fee"},
                         {"amount", "500.00"}});
    const std::string ir = "SELECT %s FROM \"tabIntegration Request\" WHERE name = ?";
    auto col = [&](const std::string& column, const std::string& name) {
        std::string sql = ir;
        return scalar(sql.replace(sql.find("%s"), 2, column), name);
    };
    EXPECT_EQ(col("status", "pay_9"), "Completed");
    EXPECT_EQ(col("status", "pay_9/1"), "Queued");
    EXPECT_EQ(col("reference_doctype", "pay_9/1"), "Fees");
    EXPECT_EQ(col("reference_docname", "pay_9/1"), "EDU-FEE-2026-00001");
    EXPECT_EQ(col("status", "pay_9/2"), "Failed");
    EXPECT_EQ(col("reference_doctype", "pay_9/2"), "Student");
    EXPECT_NE(col("\"error\"", "pay_9/2").find("matched no open Fees"), std::string::npos);
    // What the Server Script reads (json.loads) is JSON.
    auto json = [&](const std::string& name) {
        return Poco::JSON::Parser().parse(col("data", name)).extract<Poco::JSON::Object::Ptr>();
    };
    auto line = json("pay_9/1");
    EXPECT_EQ(paise(line->getValue<std::string>("paid_amount")), 750000);
    EXPECT_EQ(line->getValue<std::string>("transaction_id"), "pay_9/1");
    EXPECT_EQ(line->getValue<std::string>("invoice_id"), "EDU-FEE-2026-00001");
    auto payment = json("pay_9");
    EXPECT_EQ(payment->getValue<std::string>("product"), "Pay 'Now'");
    EXPECT_EQ(paise(payment->getValue<std::string>("advance_amount")), 50000);

    mapping->write_back(*session, "on_student_payment_settled",
                        {{"payment_id", "pay_9"},
                         {"student_id", "EDU-STU-2026-00042"},
                         {"line_no", "1"},
                         {"component_type", "Tuition Fee"},
                         {"amount", "7500.00"},
                         {"settlement_utr", "UTR-9"},
                         {"settled_at", "2026-12-03T10:00:00Z"}});
    EXPECT_EQ(col("request_id", "pay_9/settled/1"), "UTR-9");
    EXPECT_EQ(json("pay_9/settled/1")->getValue<std::string>("settlement_utr"), "UTR-9");

    mapping->write_back(*session, "on_counter_payment",
                        {{"receipt_id", "ACC-PAY-2026-00001"},
                         {"student_id", "EDU-STU-2026-00042"},
                         {"status", "sent"}});
    EXPECT_EQ(scalar("SELECT jodo_counter_status FROM \"tabPayment Entry\" WHERE name = ?",
                     "ACC-PAY-2026-00001"),
              "sent");
    EXPECT_EQ(query("counter_payments", {}).size(), 2u);
}

TEST(ErpnextStudentsLayout, WithoutTheStudentCustomFieldTheStudentStatementsAreOff) {
    const jodo::ListedErpSchema schema(
        std::map<std::string, std::set<std::string>>{{"tabFees", {"contact_email"}}});
    jodo::ErpMappingConfig config;
    config.profile = "erpnext-fees";
    const jodo::ErpMapping mapping(config, erp_sql::Dialect::sqlite, schema);
    EXPECT_FALSE(mapping.has("student"));
    EXPECT_FALSE(mapping.has("on_student_registered"));
    EXPECT_TRUE(mapping.has("invoice"));
    EXPECT_NE(mapping.layout().find("no Student-linked Pay"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, ErpnextStudents,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             return info.param;
                         });
