// The settlement report (issue 23, point 6): per school day and per UTR, what
// Jodo paid into the school's bank, exact to the paisa, from the UTRs the
// module recorded; on every database.
#include <gtest/gtest.h>

#include <set>

#include "jodo/plugin/SettlementReport.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;
using erp_plugin::StatusCode;

namespace {
// 2026-12-06 10:00 UTC (15:30 in India) and 19:00 UTC (00:30 on the 7th in India).
constexpr std::int64_t kMorningUtc = 1796551200;
constexpr std::int64_t kEveningUtc = 1796583600;

erp_plugin::Fields range(const std::string& from, const std::string& to,
                         const std::string& offset = "") {
    erp_plugin::Fields p = {{"from", from}, {"to", to}};
    if (!offset.empty())
        p.emplace_back("utc_offset", offset);
    return p;
}
}  // namespace

class SettlementReport : public testing::TestWithParam<std::string> {};

TEST_P(SettlementReport, SettledLinesPerSchoolDayAndUtrToThePaisa) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    // Each sample invoice: 42500.00 + 6200.50; the sandbox gives each line its own UTR.
    std::vector<std::string> invoices, utrs;
    for (const char* id : {"INV-SET1", "INV-SET2", "INV-SET3"}) {
        const std::string invoice = h.add_invoice(LifecycleHarness::sample(id));
        const std::string order_id = output(h.collect(invoice), "order_id");
        ASSERT_FALSE(order_id.empty()) << id;
        h.sandbox().pay(order_id);
        invoices.push_back(invoice);
        if (invoices.size() < 3) {  // the third is paid, not settled: not in the report
            const std::int64_t at = invoices.size() == 1 ? kMorningUtc : kEveningUtc;
            h.sandbox().set_clock([at] { return at; });
            const auto settled = h.sandbox().settle(order_id);
            h.sandbox().set_clock({});
            utrs.insert(utrs.end(), settled.begin(), settled.end());
        }
        ASSERT_TRUE(h.refresh(invoice).status.ok()) << id;
    }
    ASSERT_EQ(utrs.size(), 4u);

    // India (the default offset): the evening settlement is the 7th's.
    const auto india = h.batch("settlement_report", range("2026-12-06", "2026-12-07"));
    ASSERT_TRUE(india.status.ok()) << india.status.message;
    EXPECT_EQ(output(india, "utc_offset"), "+05:30");
    EXPECT_EQ(output(india, "rows"), "4");
    EXPECT_EQ(output(india, "days"), "2");
    EXPECT_EQ(output(india, "day.1.day"), "2026-12-06");
    EXPECT_EQ(output(india, "day.1.utrs"), "2");
    EXPECT_EQ(output(india, "day.1.payments"), "1");
    EXPECT_EQ(output(india, "day.1.invoices"), "1");
    EXPECT_EQ(output(india, "day.1.lines"), "2");
    EXPECT_EQ(output(india, "day.1.total"), "48700.50");
    EXPECT_EQ(output(india, "day.2.day"), "2026-12-07");
    EXPECT_EQ(output(india, "day.2.total"), "48700.50");
    EXPECT_EQ(output(india, "total.payments"), "2");
    EXPECT_EQ(output(india, "total.invoices"), "2");
    EXPECT_EQ(output(india, "total.lines"), "4");
    EXPECT_EQ(output(india, "total.total"), "97401.00");
    EXPECT_EQ(output(india, "unreadable"), "0");
    std::set<std::string> reported, amounts;
    for (int n = 1; n <= 4; ++n) {
        const std::string row = "row." + std::to_string(n) + ".";
        reported.insert(output(india, row + "utr"));
        amounts.insert(output(india, row + "total"));
        EXPECT_EQ(output(india, row + "day"), n <= 2 ? "2026-12-06" : "2026-12-07");
        EXPECT_EQ(output(india, row + "payments"), "1");
        EXPECT_EQ(output(india, row + "invoice_ids"), invoices[n <= 2 ? 0 : 1]);
    }
    EXPECT_EQ(reported, std::set<std::string>(utrs.begin(), utrs.end()));
    EXPECT_EQ(amounts, (std::set<std::string>{"42500.00", "6200.50"}));

    // In UTC both settled on the 6th; a day without settlements reports none.
    const auto utc = h.batch("settlement_report", range("2026-12-06", "2026-12-06", "Z"));
    EXPECT_EQ(output(utc, "days"), "1");
    EXPECT_EQ(output(utc, "day.1.payments"), "2");
    EXPECT_EQ(output(utc, "total.total"), "97401.00");
    const auto only_7th = h.batch("settlement_report", range("2026-12-07", "2026-12-07"));
    EXPECT_EQ(output(only_7th, "rows"), "2");
    EXPECT_EQ(output(only_7th, "total.total"), "48700.50");
    const auto none = h.batch("settlement_report", range("2026-12-08", "2026-12-31"));
    ASSERT_TRUE(none.status.ok()) << none.status.message;
    EXPECT_EQ(output(none, "rows"), "0");
    EXPECT_EQ(output(none, "total.total"), "0.00");
}

INSTANTIATE_TEST_SUITE_P(Databases, SettlementReport,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });

TEST(SettlementReportParameters, BadInputIsRefusedNamingTheParameter) {
    ErpDatabase db("sqlite");
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::vector<std::pair<erp_plugin::Fields, std::string>> cases = {
        {{{"to", "2026-12-07"}}, "from"},
        {range("2026-12-01", ""), "to"},
        {range("2026-02-30", "2026-03-01"), "from"},
        {range("2026-12-01", "07/12/2026"), "to"},
        {range("2026-12-07", "2026-12-01"), "to"},
        {range("2025-01-01", "2026-12-01"), "to"},
        {range("2026-12-01", "2026-12-07", "IST"), "utc_offset"},
        {range("2026-12-01", "2026-12-07", "+25:00"), "utc_offset"},
    };
    for (const auto& [parameters, named] : cases) {
        const auto result = h.batch("settlement_report", parameters);
        EXPECT_EQ(result.status.code, StatusCode::invalid_input) << named;
        EXPECT_NE(result.status.message.find("parameter " + named), std::string::npos)
            << result.status.message;
    }
}

TEST(SettlementReportDays, OffsetsDecideTheDayAndUnreadableTimesAreCounted) {
    const std::vector<jodo::SettledLine> lines = {
        {"c1", "I1", 1, "UTR1", "2026-12-06T18:29:59Z", 100, ""},
        {"c1", "I1", 2, "UTR1", "2026-12-06T18:30:00.250Z", 1, ""},
        {"c2", "I2", 1, "UTR2", "2026-12-07T05:00:00+05:30", 99999999999999, ""},
        {"c3", "I3", 1, "UTR3", "yesterday", 5, ""},
        // A student-linked payment under the same UTR: one bank credit.
        {"pay_1", "", 1, "UTR1", "2026-12-06T19:00:00Z", 50, "R-42"},
    };
    const auto out = jodo::settlement_outputs(
        lines, jodo::settlement_window({{"from", "2026-12-06"}, {"to", "2026-12-07"}}));
    auto at = [&out](const std::string& key) {
        const std::string* v = erp_plugin::find_field(out, key);
        return v ? *v : std::string("<none>");
    };
    EXPECT_EQ(at("day.1.day"), "2026-12-06");
    EXPECT_EQ(at("day.1.total"), "1.00");
    EXPECT_EQ(at("day.1.students"), "0");
    EXPECT_EQ(at("day.2.day"), "2026-12-07");
    EXPECT_EQ(at("day.2.lines"), "3");
    EXPECT_EQ(at("day.2.payments"), "3");
    EXPECT_EQ(at("day.2.total"), "1000000000000.50");
    EXPECT_EQ(at("row.2.utr"), "UTR1");
    EXPECT_EQ(at("row.2.total"), "0.51");
    EXPECT_EQ(at("row.2.invoices"), "1");
    EXPECT_EQ(at("row.2.invoice_ids"), "I1");
    EXPECT_EQ(at("row.2.students"), "1");
    EXPECT_EQ(at("row.2.student_ids"), "R-42");
    EXPECT_EQ(at("total.invoices"), "2");
    EXPECT_EQ(at("total.students"), "1");
    EXPECT_EQ(at("total.total"), "1000000000001.50");
    EXPECT_EQ(at("unreadable"), "1");
}
