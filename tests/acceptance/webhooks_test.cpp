// Webhooks through the host's HTTP endpoint into the plugin: verification,
// the inbox, idempotency, verify-by-fetch, and the reconciler for the ones
// that never arrive. Bodies are the documented envelope, posted over HTTP.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UUIDGenerator.h>

#include "host_sim/http/CheckoutPayer.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"
#include "support/ErpDatabases.hpp"
#include "support/Fixtures.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {

const char* kSecret = "whsec_test";

HarnessOptions signed_webhooks(bool background = false) {
    HarnessOptions options;
    options.settings = {{"jodo.webhook.secret", kSecret}};
    options.background = background;
    return options;
}

// The documented order.payment.debited example with our order's id and a fresh event id.
std::string event_body(const std::string& event, const std::string& order_id,
                       std::string event_id = "") {
    Poco::JSON::Parser parser;
    auto root = parser.parse(testing_support::jodo_fixture("webhook_order_payment_debited.json"))
                    .extract<Poco::JSON::Object::Ptr>();
    root->set("event", event);
    root->set("event_id", event_id.empty()
                              ? Poco::UUIDGenerator::defaultGenerator().createRandom().toString()
                              : event_id);
    root->getObject("payload")->set("order_id", order_id);
    std::ostringstream out;
    root->stringify(out);
    return out.str();
}

erp_plugin::Fields signature(const std::string& body, const std::string& secret = kSecret) {
    return {{"X-Jodo-Signature", jodo::hmac_sha256_hex(secret, body)}};
}

}  // namespace

class Webhooks : public testing::TestWithParam<std::string> {};

TEST_P(Webhooks, SignedEventIsStoredAnsweredAndAppliedByFetching) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-WH1"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().pay(order_id);

    const std::string body = event_body("order.payment.debited", order_id);
    std::string answer;
    EXPECT_EQ(h.post_webhook(body, signature(body), &answer), 200) << answer;
    // Stored before the answer; processed after it.
    auto inbox = h.inbox(order_id);
    ASSERT_EQ(inbox.size(), 1u);
    EXPECT_EQ(inbox[0].state, "pending");
    EXPECT_EQ(h.collections(invoice)[0].status, "unpaid");

    EXPECT_GE(std::stoi(output(h.batch("process_webhooks"), "processed")), 1);
    auto stored = h.collections(invoice)[0];
    EXPECT_EQ(stored.status, "paid");
    EXPECT_EQ(stored.transaction_id, h.sandbox().find(order_id)->transaction_id);
    EXPECT_EQ(h.inbox(order_id)[0].state, "processed");
}

TEST_P(Webhooks, ABodyClaimingPaymentIsNotBelievedWithoutJodo) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-WH2"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    // Correctly signed, says "paid", but Jodo says the order is unpaid.
    const std::string body = event_body("order.payment.debited", order_id);
    EXPECT_EQ(h.post_webhook(body, signature(body)), 200);
    h.batch("process_webhooks");
    EXPECT_EQ(h.collections(invoice)[0].status, "unpaid");
    EXPECT_EQ(h.collections(invoice)[0].paid_at, "");
}

TEST_P(Webhooks, TamperedWrongHeaderAndWrongSourceAreRejectedAndChangeNothing) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options = signed_webhooks();
    options.settings["jodo.webhook.header_name"] = "X-Erp-Token";
    options.settings["jodo.webhook.header_value"] = "s3cr3t-token";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-WH3"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().pay(order_id);
    const std::string body = event_body("order.payment.debited", order_id);

    auto good = signature(body);
    good.emplace_back("X-Erp-Token", "s3cr3t-token");
    std::string tampered = body;
    tampered.replace(tampered.find("Ron Rivest"), 10, "Eve Hacker");
    EXPECT_EQ(h.post_webhook(tampered, good), 401);
    EXPECT_EQ(h.post_webhook(body, {{"X-Erp-Token", "s3cr3t-token"}}), 401);  // no signature
    auto wrong_header = signature(body);
    wrong_header.emplace_back("X-Erp-Token", "guess");
    EXPECT_EQ(h.post_webhook(body, wrong_header), 401);
    EXPECT_TRUE(h.inbox(order_id).empty());
    h.batch("process_webhooks");
    EXPECT_EQ(h.collections(invoice)[0].status, "unpaid");
    EXPECT_EQ(h.post_webhook(body, good), 200);  // the real one still gets through
}

TEST_P(Webhooks, SourceOutsideTheAllowlistGets403) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options = signed_webhooks();
    options.settings["jodo.webhook.allowed_ips"] =
        "3.6.234.242, 3.111.80.40";  // Jodo production, not us
    LifecycleHarness h(db.connection_string(), options);
    const std::string order_id = h.foreign_order_id("order_x");
    const std::string body = event_body("order.payment.debited", order_id);
    EXPECT_EQ(h.post_webhook(body, signature(body)), 403);
    EXPECT_TRUE(h.inbox(order_id).empty());
}

TEST_P(Webhooks, DuplicatesAndAnyOrderGiveOneFinalState) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-WH4"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().pay(order_id);
    const auto utrs = h.sandbox().settle(order_id);
    const std::string debited =
        event_body("order.payment.debited", order_id, "evt-debit-" + invoice);
    const std::string settled =
        event_body("order.payment.settled", order_id, "evt-settle-" + invoice);
    // Settled first, then debited, then both again.
    for (const auto* body : {&settled, &debited, &settled, &debited})
        EXPECT_EQ(h.post_webhook(*body, signature(*body)), 200);
    ASSERT_EQ(h.inbox(order_id).size(), 2u);
    h.batch("process_webhooks");
    auto stored = h.collections(invoice)[0];
    EXPECT_EQ(stored.status, "settled");
    EXPECT_EQ(stored.utrs, utrs);
    std::string answer;
    EXPECT_EQ(h.post_webhook(debited, signature(debited), &answer), 200);
    EXPECT_NE(answer.find("duplicate"), std::string::npos);
    EXPECT_EQ(h.collections(invoice)[0].status, "settled");
}

TEST_P(Webhooks, UnknownEventIsAcknowledgedAndIgnored) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string order_id = h.foreign_order_id("order_whatever");
    const std::string body = event_body("subscription.renewed", order_id);
    EXPECT_EQ(h.post_webhook(body, signature(body)), 200);
    h.batch("process_webhooks");
    auto inbox = h.inbox(order_id);
    ASSERT_EQ(inbox.size(), 1u);
    EXPECT_EQ(inbox[0].state, "ignored");
    EXPECT_EQ(h.post_webhook(body, signature(body)), 200);  // a redelivery is no retry loop either
    EXPECT_EQ(h.inbox(order_id).size(), 1u);
}

TEST_P(Webhooks, OrderNotOursIsIgnored) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string order_id = h.foreign_order_id("order_from_some_payment_page");
    const std::string body = event_body("page.payment.settled", order_id);
    EXPECT_EQ(h.post_webhook(body, signature(body)), 200);
    h.batch("process_webhooks");
    EXPECT_EQ(h.inbox(order_id)[0].state, "ignored");
    EXPECT_NE(h.inbox(order_id)[0].note.find("not created by this ERP"), std::string::npos);
}

TEST_P(Webhooks, BackgroundWorkerProcessesWithoutBeingAsked) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks(true));
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-WH5"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().pay(order_id);
    const std::string body = event_body("order.payment.debited", order_id);
    EXPECT_EQ(h.post_webhook(body, signature(body)), 200);
    EXPECT_EQ(h.wait_for_status(invoice, "paid", 5000), "paid");
}

TEST_P(Webhooks, MissedWebhookIsCaughtByTheReconcilerOnSchedule) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-WH6"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().pay(order_id);  // and no webhook ever arrives
    h.batch("reconcile");       // not due yet: the first check is 30 s after creation
    EXPECT_EQ(h.collections(invoice)[0].status, "unpaid");
    h.advance_clock_s(31);
    auto report = h.batch("reconcile");
    EXPECT_GE(std::stoi(output(report, "checked")), 1);
    EXPECT_GE(std::stoi(output(report, "changed")), 1);
    EXPECT_EQ(h.collections(invoice)[0].status, "paid");
}

TEST_P(Webhooks, ReconcilerScheduleSurvivesARestart) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    std::string invoice, order_id;
    {
        LifecycleHarness h(db.connection_string(), signed_webhooks());
        invoice = h.add_invoice(LifecycleHarness::sample("INV-WH7"));
        order_id = output(h.collect(invoice), "order_id");
    }
    // A new process; its sandbox does not know the order, so Jodo's answer is
    // 404 and the collection stays as it was, rescheduled, not lost.
    LifecycleHarness restarted(db.connection_string(), signed_webhooks());
    auto schedule =
        [&] {
            int checks = -1;
            std::string next, id = invoice;
            restarted.erp().session()
                << "SELECT check_count, next_check_at FROM jodo_collections WHERE invoice_id = ?",
                Poco::Data::Keywords::use(id), Poco::Data::Keywords::into(checks),
                Poco::Data::Keywords::into(next), Poco::Data::Keywords::now;
            return std::make_pair(checks, next);
        };
    const auto before = schedule();
    EXPECT_EQ(before.first, 0);
    restarted.advance_clock_s(31);
    auto report = restarted.batch("reconcile");
    EXPECT_GE(std::stoi(output(report, "checked")), 1);
    // The schedule the first process stored was found and carried on.
    const auto after = schedule();
    EXPECT_EQ(after.first, 1);
    EXPECT_GT(after.second, before.second);
    EXPECT_EQ(restarted.collections(invoice)[0].status, "unpaid");
}

INSTANTIATE_TEST_SUITE_P(Databases, Webhooks, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
