// Payers' phones and emails in stored webhook bodies are not kept forever:
// after jodo.webhook.body_retention_days a processed event keeps its id (the
// duplicate guard) and its outcome, not its body.
#include <gtest/gtest.h>

#include "host_sim/http/CheckoutPayer.hpp"
#include "support/ErpDatabases.hpp"
#include "support/ErpFixtures.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;

class WebhookRetention : public testing::TestWithParam<std::string> {};

TEST_P(WebhookRetention, AProcessedEventsBodyIsClearedAfterTheRetention) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.webhook_secret = "retention_whsec";
    options.settings = {{"jodo.webhook.body_retention_days", "0"}};
    LifecycleHarness h(db.connection_string(), options);
    ASSERT_EQ(h.plugin_start_error(), "");
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-RET"));
    auto collected = h.collect(invoice);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const std::string order_id = output(collected, "order_id");
    host_sim::pay_at_checkout(output(collected, "redirect_url"));
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(5000));
    const std::string body_sql = "SELECT body FROM jodo_webhook_inbox WHERE order_id = ?";
    const std::string stored =
        acceptance::erp_scalar(db.connection_string(), body_sql, order_id).value_or("");
    EXPECT_NE(stored.find("order.payment.debited"), std::string::npos) << stored;

    h.batch("process_webhooks");
    EXPECT_EQ(h.collections(invoice)[0].status, "paid");
    EXPECT_EQ(acceptance::erp_scalar(db.connection_string(), body_sql, order_id).value_or("?"), "");
    const auto rows = h.inbox(order_id);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].state, "processed");

    // Zero days means none: the next event, processed right after that purge
    // (purges run once a minute), keeps no body until the next one either.
    const std::string next = h.add_invoice(LifecycleHarness::sample("INV-RET0"));
    auto again = h.collect(next);
    ASSERT_TRUE(again.status.ok()) << again.status.message;
    host_sim::pay_at_checkout(output(again, "redirect_url"));
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(5000));
    h.batch("process_webhooks");
    EXPECT_EQ(h.collections(next)[0].status, "paid");
    EXPECT_EQ(acceptance::erp_scalar(db.connection_string(), body_sql, output(again, "order_id"))
                  .value_or("?"),
              "");
}

TEST_P(WebhookRetention, TheDefaultKeepsBodiesForThirtyDays) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.webhook_secret = "retention_whsec";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-RET2"));
    auto collected = h.collect(invoice);
    ASSERT_TRUE(collected.status.ok());
    const std::string order_id = output(collected, "order_id");
    host_sim::pay_at_checkout(output(collected, "redirect_url"));
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(5000));
    h.batch("process_webhooks");
    EXPECT_NE(
        acceptance::erp_scalar(db.connection_string(),
                               "SELECT body FROM jodo_webhook_inbox WHERE order_id = ?", order_id)
            .value_or(""),
        "");
}

INSTANTIATE_TEST_SUITE_P(Databases, WebhookRetention,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
