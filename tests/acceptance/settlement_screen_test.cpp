// The settlement report and webhook health on the accountant's screen, without
// a browser (ids from the shared UI contract): routes, ₹ amounts, the CSV
// download, refusals by reason with check's advice; and CSV cells guarded
// against spreadsheet formulas.
#include <gtest/gtest.h>

#include "host_sim/screen/InvoiceScreen.hpp"
#include "host_sim/text/CsvCell.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;
using host_sim::screen::InvoiceScreen;
using host_sim::screen::RequestGuard;
using host_sim::screen::ScreenRequest;
using host_sim::screen::ScreenResponse;

namespace {

constexpr std::int64_t kMorningUtc = 1796551200;  // 2026-12-06 10:00 UTC, 15:30 in India

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string header(const ScreenResponse& r, const std::string& name) {
    for (const auto& [key, value] : r.headers)
        if (key == name)
            return value;
    return {};
}

ScreenRequest get(const std::string& path, const std::string& query = "") {
    ScreenRequest r;
    r.method = "GET";
    r.path = path;
    r.query = query;
    r.host = "127.0.0.1:8080";
    return r;
}

}  // namespace

class SettlementScreen : public testing::TestWithParam<std::string> {};

TEST_P(SettlementScreen, DaysUtrsTotalsInRupeesAndTheCsv) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-SCR1"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    ASSERT_FALSE(order_id.empty());
    h.sandbox().pay(order_id);
    h.sandbox().set_clock([] { return kMorningUtc; });
    const auto utrs = h.sandbox().settle(order_id);
    h.sandbox().set_clock({});
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    InvoiceScreen screen(h.host().plugins().front().plugin, h.services(), db.connection_string(),
                         RequestGuard("test-token-0123456789"));

    const auto page = screen.handle(get("/erp/settlement", "from=2026-12-06&to=2026-12-06"));
    ASSERT_EQ(page.status, 200) << page.body;
    for (const char* id :
         {"id=\"settlement-form\"", "id=\"from\"", "id=\"to\"", "id=\"settlement\"",
          "id=\"settlement-csv\"", "class=\"day-total\"", "id=\"settlement-total\""})
        EXPECT_TRUE(contains(page.body, id)) << id;
    EXPECT_TRUE(contains(page.body, "₹42,500.00"));
    EXPECT_TRUE(contains(page.body, "₹6,200.50"));
    EXPECT_TRUE(contains(page.body, "₹48,700.50"));  // the day's and the grand total
    EXPECT_TRUE(contains(page.body, "6 Dec 2026"));
    for (const auto& utr : utrs)
        EXPECT_TRUE(contains(page.body, utr)) << utr;
    EXPECT_TRUE(contains(page.body, "href=\"/erp/invoice?id=" + invoice + "\""));
    EXPECT_TRUE(contains(page.body, "/erp/settlement.csv?from=2026-12-06&amp;to=2026-12-06"));

    const auto csv = screen.handle(get("/erp/settlement.csv", "from=2026-12-06&to=2026-12-06"));
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(header(csv, "Content-Disposition"),
              "attachment; filename=\"settlement-2026-12-06-2026-12-06.csv\"");
    EXPECT_EQ(csv.body.rfind(
                  "day,utr,payments,invoices,lines,amount,invoice_ids,students,student_ids\r\n", 0),
              0u);
    EXPECT_TRUE(contains(csv.body, "2026-12-06," + utrs[0] + ",1,1,1,"));
    EXPECT_TRUE(contains(csv.body, ",42500.00,"));
    EXPECT_TRUE(contains(csv.body, ",6200.50,"));
    EXPECT_FALSE(contains(csv.body, "₹"));

    // A day in India that is not the settlement's: nothing, and said so.
    const auto other = screen.handle(get("/erp/settlement", "from=2026-12-07&to=2026-12-07"));
    EXPECT_EQ(other.status, 200);
    EXPECT_TRUE(contains(other.body, "id=\"settlement-empty\""));
    // Defaults (the last 7 days) work without a query.
    EXPECT_EQ(screen.handle(get("/erp/settlement")).status, 200);
    const auto bad = screen.handle(get("/erp/settlement", "from=06-12-2026&to=2026-12-07"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad.body, "role=\"alert\""));
    EXPECT_EQ(screen.handle(get("/erp/settlement.csv", "from=x&to=2026-12-07")).status, 400);
    auto post = get("/erp/settlement");
    post.method = "POST";
    EXPECT_NE(screen.handle(post).status, 200);
}

TEST_P(SettlementScreen, WebhookHealthShowsRefusalsByReasonWithChecksAdvice) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.settings = {{"jodo.webhook.secret", "whsec_in_the_erp"}};
    LifecycleHarness h(db.connection_string(), options);
    InvoiceScreen screen(h.host().plugins().front().plugin, h.services(), db.connection_string(),
                         RequestGuard("test-token-0123456789"));
    const auto before = screen.handle(get("/erp/webhooks"));
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_TRUE(contains(before.body, "id=\"webhook-health\""));
    EXPECT_TRUE(contains(before.body, "No delivery from Jodo has been accepted yet."));

    const std::string body = R"({"event_id":"e1","event":"order.payment.debited","payload":{}})";
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(h.post_webhook(body, {{"X-Jodo-Signature",
                                         jodo::hmac_sha256_hex("secret_set_in_jodo", body)}}),
                  401);
    const auto after = screen.handle(get("/erp/webhooks"));
    ASSERT_EQ(after.status, 200);
    EXPECT_TRUE(contains(after.body, "2 refused in the last 24 hours."));
    EXPECT_TRUE(contains(after.body, "data-reason=\"bad_signature\""));
    EXPECT_TRUE(contains(after.body, "with a bad signature"));
    EXPECT_TRUE(
        contains(after.body, "jodo.webhook.secret probably differs from the secret set in Jodo"));
    EXPECT_TRUE(contains(after.body, "role=\"alert\""));
    // The same judgement as check's line.
    const auto health = h.batch("webhook_health");
    EXPECT_EQ(output(health, "ok"), "no");
    EXPECT_EQ(output(health, "refused"), "2");
    EXPECT_EQ(output(health, "reason.1.code"), "bad_signature");
    const auto check = h.batch("check");
    EXPECT_EQ(output(check, "check.webhook_deliveries.detail"), output(health, "summary"));
}

INSTANTIATE_TEST_SUITE_P(Databases, SettlementScreen,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });

TEST(CsvCell, QuotesAndDefusesFormulas) {
    EXPECT_EQ(host_sim::csv_cell("INV-1"), "INV-1");
    EXPECT_EQ(host_sim::csv_cell("a,b"), "\"a,b\"");
    EXPECT_EQ(host_sim::csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(host_sim::csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    for (const char* formula : {"+1", "-1", "@SUM(A1)", "=1+1"})
        EXPECT_EQ(host_sim::csv_cell(formula), std::string("'") + formula);
    EXPECT_EQ(host_sim::csv_cell(""), "");
}
