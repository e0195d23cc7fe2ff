// End to end: the sandbox delivers signed webhooks over HTTP to the host's
// endpoint, the plugin's worker applies them, and nobody presses Refresh.
#include <gtest/gtest.h>

#include <thread>

#include "erp_sql/OpenOdbcSession.hpp"
#include "host_sim/http/CheckoutPayer.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {
HarnessOptions delivered(const std::string& secret = "whsec_e2e") {
    HarnessOptions options;
    options.background = true;
    options.webhook_secret = secret;
    options.settings["jodo.reconcile.first_check_s"] = "1";
    options.settings["jodo.reconcile.max_interval_s"] = "2";
    return options;
}
}  // namespace

class WebhookDelivery : public testing::TestWithParam<std::string> {};

TEST_P(WebhookDelivery, PaidAndSettledArriveByWebhookAlone) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options = delivered();
    options.settings["jodo.reconcile.interval_ms"] =
        "0";  // prove it is the webhook, not the poller
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-E1"));
    auto collected = h.collect(invoice);
    const std::string order_id = output(collected, "order_id");
    host_sim::pay_at_checkout(output(collected, "redirect_url"));
    EXPECT_EQ(h.wait_for_status(invoice, "paid", 10000), "paid");
    const auto utrs = h.sandbox().settle(order_id);
    EXPECT_EQ(h.wait_for_status(invoice, "settled", 10000), "settled");
    EXPECT_EQ(h.collections(invoice)[0].utrs, utrs);
    auto inbox = h.inbox(order_id);
    ASSERT_EQ(inbox.size(), 2u);
    EXPECT_EQ(inbox[0].event, "order.payment.debited");
    EXPECT_EQ(inbox[1].event, "order.payment.settled");
}

TEST_P(WebhookDelivery, WrongSecretIsRejectedAndTheReconcilerStillCatchesThePayment) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options = delivered("sandbox_signs_with_this");
    options.settings["jodo.webhook.secret"] = "plugin_expects_that";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-E2"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().pay(order_id);
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(15000));
    auto log = h.sandbox().webhook_log();
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().last_status, 401);
    EXPECT_FALSE(log.back().delivered);
    EXPECT_TRUE(h.inbox(order_id).empty());
    EXPECT_EQ(h.wait_for_status(invoice, "paid", 10000), "paid");  // the reconciler, on its own
}

TEST_P(WebhookDelivery, DroppedWebhooksAreCaughtByTheReconciler) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), delivered());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-E3"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().drop_next_webhooks(2);
    h.sandbox().pay(order_id);
    h.sandbox().settle(order_id);
    EXPECT_EQ(h.wait_for_status(invoice, "settled", 15000), "settled");
    EXPECT_TRUE(h.inbox(order_id).empty());
}

TEST_P(WebhookDelivery, DuplicatedAndReorderedDeliveriesEndSettledOnce) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options = delivered();
    options.settings["jodo.reconcile.interval_ms"] = "0";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-E4"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().hold_webhooks();
    h.sandbox().duplicate_next_webhooks(2);
    h.sandbox().pay(order_id);
    h.sandbox().settle(order_id);
    h.sandbox().release_webhooks(true);  // settled first, each twice
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(15000));
    EXPECT_EQ(h.wait_for_status(invoice, "settled", 10000), "settled");
    EXPECT_EQ(h.inbox(order_id).size(), 2u);  // four deliveries, two events
    int delivered_count = 0;
    for (const auto& d : h.sandbox().webhook_log())
        if (d.order_id == order_id && d.delivered)
            ++delivered_count;
    EXPECT_EQ(delivered_count, 4);
}

INSTANTIATE_TEST_SUITE_P(Databases, WebhookDelivery,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });

// SQLite only: another connection holds the database's write lock, as a
// long-running ERP job would. The event cannot be stored, so the answer is
// 503, Jodo retries, and once the lock is gone the event applies once.
TEST(WebhookDeliveryDatabaseDown, BusyDatabaseAnswers503AndTheRetryAppliesOnce) {
    ErpDatabase db("sqlite");
    std::string connection = db.connection_string();
    connection.replace(connection.find("Timeout=10000"), 13, "Timeout=100");
    HarnessOptions options = delivered();
    options.settings["jodo.reconcile.interval_ms"] = "0";
    LifecycleHarness h(connection, options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-E5"));
    const std::string order_id = output(h.collect(invoice), "order_id");

    Poco::Data::Session locker = erp_sql::open_odbc_session(connection);
    locker << "BEGIN EXCLUSIVE", Poco::Data::Keywords::now;
    h.sandbox().pay(order_id);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));  // first attempts meet the lock
    locker << "COMMIT", Poco::Data::Keywords::now;

    ASSERT_TRUE(h.sandbox().wait_for_webhooks(15000));
    auto log = h.sandbox().webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_TRUE(log[0].delivered);
    EXPECT_GE(log[0].attempts, 2);
    EXPECT_EQ(h.wait_for_status(invoice, "paid", 10000), "paid");
    // The worker marks the event processed just after it writes the invoice.
    std::vector<LifecycleHarness::InboxRow> inbox;
    for (int i = 0; i < 100; ++i) {
        inbox = h.inbox(order_id);
        if (inbox.size() == 1 && inbox[0].state == "processed")
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(inbox.size(), 1u);
    EXPECT_EQ(inbox[0].state, "processed");
}

// Every Pay event of the docs, delivered by the sandbox for one of our orders,
// leads to a fetch and the right state.
class EachPayEvent : public testing::TestWithParam<std::string> {};

TEST_P(EachPayEvent, IsAcceptedAndAppliedByFetching) {
    ErpDatabase db("sqlite");
    HarnessOptions options = delivered();
    options.settings["jodo.reconcile.interval_ms"] = "0";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-EV"));
    const bool link = GetParam().rfind("payment_link.", 0) == 0;
    const std::string order_id =
        output(h.action(link ? "send_link" : "collect", invoice), "order_id");
    const bool expiry = GetParam() == "payment_link.payment.expired";
    const bool settled = GetParam().find("settled") != std::string::npos;
    // The sandbox's own events for these steps are lost: only the event
    // under test reaches the ERP.
    h.sandbox().drop_next_webhooks(settled ? 2 : 1);
    if (expiry) {
        h.sandbox().expire_now(order_id);
    } else {
        h.sandbox().pay(order_id);
        if (settled)
            h.sandbox().settle(order_id);
    }
    const std::string event_id = h.sandbox().send_event(GetParam(), order_id);
    const std::string expected = expiry ? "expired" : settled ? "settled" : "paid";
    EXPECT_EQ(h.wait_for_status(invoice, expected, 10000), expected);
    bool seen = false;
    for (const auto& row : h.inbox(order_id))
        seen |= row.event_id == event_id && row.event == GetParam();
    EXPECT_TRUE(seen);
}

INSTANTIATE_TEST_SUITE_P(PayEvents, EachPayEvent,
                         testing::Values("order.payment.debited", "order.payment.settled",
                                         "payment_link.payment.debited",
                                         "payment_link.payment.settled",
                                         "payment_link.payment.expired", "page.payment.debited",
                                         "page.payment.settled", "payment.debited",
                                         "payment.settled"),
                         [](const auto& info) {
                             std::string name = info.param;
                             for (auto& c : name)
                                 if (c == '.')
                                     c = '_';
                             return name;
                         });
