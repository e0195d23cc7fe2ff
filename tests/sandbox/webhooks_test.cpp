// The sandbox delivers Jodo webhooks over real HTTP to a receiver on 127.0.0.1:
// the envelope, signature, custom header, event names, send_event, the log
// control and which URLs are accepted. Delivery under failure (retries,
// give-up, drop, duplicate, hold/release, chaos, stop) is in
// webhook_delivery_test.cpp.
#include <regex>
#include <string>
#include <vector>

#include "TestHmac.hpp"
#include "WebhooksFixture.hpp"

namespace jodo::sandbox::test {
namespace {

TEST_F(WebhooksTest, NothingIsSentUntilAUrlIsSet) {
    const auto id = new_order();
    sandbox.pay(id);
    sandbox.settle(id);
    EXPECT_TRUE(sandbox.wait_for_webhooks(1000));
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_TRUE(receiver.received().empty());
    EXPECT_TRUE(sandbox.webhook_log().empty());
    EXPECT_THROW(sandbox.send_event("order.payment.debited", id), std::runtime_error);
    EXPECT_EQ(call("POST", "/_sandbox/orders/" + id + "/events/order.payment.debited").status, 409);
}

TEST_F(WebhooksTest, PayDeliversOneSignedOrderDebitedWithTheDocumentedEnvelope) {
    use_webhooks();
    const auto id = new_order();
    now = kJan2026 + 42;
    const auto transaction = sandbox.pay(id);

    const auto got = delivered(1);
    ASSERT_EQ(got.size(), 1u);
    const auto& request = got[0];
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, "/webhooks/jodo");
    EXPECT_EQ(request.peer_host, "127.0.0.1");
    EXPECT_EQ(request.headers.get("Content-Type", ""), "application/json");
    EXPECT_EQ(request.headers.get("X-Jodo-Signature", ""),
              openssl_hmac_sha256_hex(kSecret, request.body));
    EXPECT_EQ(request.headers.get("X-Erp-Webhook-Token", ""), "tok_123");

    // Top-level members in the documented order, timestamp an integer.
    EXPECT_EQ(request.body.rfind("{\"event_id\":\"", 0), 0u) << request.body;
    EXPECT_NE(request.body.find("\"timestamp\":1767225642,"), std::string::npos) << request.body;
    auto envelope = parse(request.body);
    const auto event_id = envelope->getValue<std::string>("event_id");
    EXPECT_TRUE(std::regex_match(event_id, std::regex(kUuid))) << event_id;
    EXPECT_EQ(envelope->getValue<std::string>("event"), "order.payment.debited");
    EXPECT_EQ(envelope->getValue<std::string>("version"), "1.0");
    EXPECT_TRUE(envelope->get("timestamp").isInteger());
    EXPECT_EQ(envelope->getValue<std::int64_t>("timestamp"), kJan2026 + 42);
    auto payload = envelope->getObject("payload");
    ASSERT_FALSE(payload.isNull());
    EXPECT_EQ(payload->getValue<std::string>("order_id"), id);

    auto order = order_of(request.body);
    EXPECT_FALSE(order->has("id"));
    EXPECT_EQ(order->getValue<std::string>("name"), "Asha Rao");
    EXPECT_EQ(order->getValue<std::string>("phone"), "9876543210");
    EXPECT_EQ(order->getValue<std::string>("email"), "asha@example.com");
    EXPECT_EQ(order->getValue<std::string>("identifier"), "INV-7");
    EXPECT_EQ(order->getValue<std::string>("student_name"), "Ravi Rao");
    EXPECT_EQ(order->getValue<std::string>("transaction_id"), transaction);
    EXPECT_EQ(order->getValue<std::string>("paid_at"), "2026-01-01T00:00:42Z");
    EXPECT_EQ(order->getValue<std::string>("status"), "paid");
    auto details = order->getArray("details");
    ASSERT_FALSE(details.isNull());
    ASSERT_EQ(details->size(), 2u);
    EXPECT_EQ(details->getObject(0)->getValue<std::string>("component_type"), "TUITION_FEE");
    EXPECT_EQ(details->getObject(0)->getValue<double>("amount"), 1000.0);
    EXPECT_EQ(details->getObject(1)->getValue<double>("amount"), 250.5);
    EXPECT_TRUE(details->getObject(0)->isNull("settlement_utr"));
    auto notes = order->getArray("notes");
    ASSERT_FALSE(notes.isNull());
    ASSERT_EQ(notes->size(), 1u);
    EXPECT_EQ(notes->getObject(0)->getValue<std::string>("key"), "erp_invoice_id");
    EXPECT_EQ(notes->getObject(0)->getValue<std::string>("value"), "INV-7");

    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].event_id, event_id);
    EXPECT_EQ(log[0].event, "order.payment.debited");
    EXPECT_EQ(log[0].order_id, id);
    EXPECT_EQ(log[0].attempts, 1);
    EXPECT_EQ(log[0].last_status, 200);
    EXPECT_TRUE(log[0].delivered);
    EXPECT_FALSE(log[0].dropped);
    EXPECT_EQ(log[0].body, request.body);
}

TEST_F(WebhooksTest, WithoutSecretOrCustomHeaderNeitherIsSent) {
    WebhookOptions o;
    o.url = receiver.url("/hook?tenant=a");
    sandbox.set_webhooks(o);
    sandbox.pay(new_order());
    const auto got = delivered(1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].path, "/hook?tenant=a");
    EXPECT_FALSE(got[0].headers.has("X-Jodo-Signature"));
    EXPECT_FALSE(got[0].headers.has("X-Erp-Webhook-Token"));
}

TEST_F(WebhooksTest, SettleDeliversOrderSettledWithOneUtrPerLine) {
    use_webhooks();
    const auto id = new_order();
    sandbox.pay(id);
    now = kJan2026 + 86400;
    const auto utrs = sandbox.settle(id);
    sandbox.settle(id);  // settling again changes nothing and sends nothing

    const auto got = delivered(2);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.debited", "order.payment.settled"}));
    auto order = order_of(got[1].body);
    EXPECT_EQ(order->getValue<std::string>("status"), "paid");
    auto details = order->getArray("details");
    ASSERT_EQ(details->size(), 2u);
    ASSERT_EQ(utrs.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(details->getObject(i)->getValue<std::string>("settlement_utr"), utrs[i]);
        EXPECT_EQ(details->getObject(i)->getValue<std::string>("settled_at"),
                  "2026-01-02T00:00:00Z");
    }
    EXPECT_EQ(got[1].headers.get("X-Jodo-Signature", ""),
              openssl_hmac_sha256_hex(kSecret, got[1].body));
    EXPECT_NE(parse(got[0].body)->getValue<std::string>("event_id"),
              parse(got[1].body)->getValue<std::string>("event_id"));
}

TEST_F(WebhooksTest, CheckoutPageAndControlsEmitToo) {
    use_webhooks();
    const auto a = new_order();
    const auto b = new_order();
    EXPECT_EQ(call("POST", "/p/" + a + "/pay").status, 200);
    EXPECT_EQ(call("POST", "/_sandbox/orders/" + b + "/pay").status, 200);
    EXPECT_EQ(call("POST", "/_sandbox/orders/" + b + "/settle").status, 200);
    const auto got = delivered(3);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.debited", "order.payment.debited",
                                        "order.payment.settled"}));
    EXPECT_EQ(parse(got[0].body)->getObject("payload")->getValue<std::string>("order_id"), a);
    EXPECT_EQ(parse(got[2].body)->getObject("payload")->getValue<std::string>("order_id"), b);
}

TEST_F(WebhooksTest, PaymentLinksUseTheirOwnEventNamesIncludingLazyExpiry) {
    use_webhooks();
    const auto paid = create_link(order_body());
    const auto expired_now = create_link(order_body());
    const auto lapsing =
        create_link(order_body(R"([{"component_type":"Payable Amount","amount":1.0}])",
                               R"("expires_at":"2026-01-01T01:00:00Z")"));
    sandbox.pay(paid);
    sandbox.settle(paid);
    sandbox.expire_now(expired_now);
    now = kJan2026 + 3600;
    ASSERT_EQ(sandbox.find(lapsing)->status, "expired");  // a read applies lazy expiry
    sandbox.find(lapsing);                                // once

    const auto got = delivered(4);
    ASSERT_EQ(got.size(), 4u);
    EXPECT_EQ(events_of(got), (std::vector<std::string>{
                                  "payment_link.payment.debited", "payment_link.payment.settled",
                                  "payment_link.payment.expired", "payment_link.payment.expired"}));
    const std::vector<std::string> ids{paid, paid, expired_now, lapsing};
    for (std::size_t i = 0; i < got.size(); ++i)
        EXPECT_EQ(parse(got[i].body)->getObject("payload")->getValue<std::string>("order_id"),
                  ids[i]);
    auto expired = order_of(got[3].body);
    EXPECT_EQ(expired->getValue<std::string>("status"), "expired");
    EXPECT_TRUE(expired->isNull("transaction_id"));
    EXPECT_TRUE(expired->isNull("paid_at"));
    EXPECT_FALSE(
        order_of(got[1].body)->getArray("details")->getObject(0)->isNull("settlement_utr"));
}

TEST_F(WebhooksTest, SendEventEmitsAnyNameWithTheCurrentOrder) {
    use_webhooks();
    const auto id = new_order();
    sandbox.pay(id);
    sandbox.wait_for_webhooks(2000);
    const auto first = sandbox.send_event("page.payment.debited", id);
    const auto second = sandbox.send_event("something.unknown", id);
    const auto control = call("POST", "/_sandbox/orders/" + id + "/events/payment.settled");
    ASSERT_EQ(control.status, 200) << control.body;
    const auto third = control.json()->getValue<std::string>("event_id");
    EXPECT_EQ(control.json()->getValue<std::string>("event"), "payment.settled");

    const auto got = delivered(4);
    ASSERT_EQ(got.size(), 4u);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.debited", "page.payment.debited",
                                        "something.unknown", "payment.settled"}));
    EXPECT_EQ(parse(got[1].body)->getValue<std::string>("event_id"), first);
    EXPECT_EQ(parse(got[2].body)->getValue<std::string>("event_id"), second);
    EXPECT_EQ(parse(got[3].body)->getValue<std::string>("event_id"), third);
    for (std::size_t i = 1; i < got.size(); ++i) {
        auto envelope = parse(got[i].body);
        EXPECT_EQ(envelope->getValue<std::string>("version"), "1.0");
        EXPECT_EQ(envelope->getObject("payload")->getValue<std::string>("order_id"), id);
        EXPECT_EQ(order_of(got[i].body)->getValue<std::string>("status"), "paid");
    }

    EXPECT_THROW(sandbox.send_event("order.payment.debited", "order_0000000000000000"),
                 std::runtime_error);
    EXPECT_EQ(call("POST", "/_sandbox/orders/order_0000000000000000/events/x.y").status, 404);
    EXPECT_EQ(call("GET", "/_sandbox/orders/" + id + "/events/x.y").status, 405);
}

TEST_F(WebhooksTest, TheLogIsAlsoAnHttpControl) {
    use_webhooks();
    receiver.script_statuses({500}, 200);
    sandbox.pay(new_order());
    delivered(2);
    const auto result = call("GET", "/_sandbox/webhooks");
    ASSERT_EQ(result.status, 200) << result.body;
    auto rows = result.json()->getArray("webhooks");
    ASSERT_FALSE(rows.isNull());
    ASSERT_EQ(rows->size(), 1u);
    auto row = rows->getObject(0);
    const auto log = sandbox.webhook_log();
    EXPECT_EQ(row->getValue<std::string>("event_id"), log[0].event_id);
    EXPECT_EQ(row->getValue<std::string>("event"), "order.payment.debited");
    EXPECT_EQ(row->getValue<int>("attempts"), 2);
    EXPECT_EQ(row->getValue<int>("last_status"), 200);
    EXPECT_TRUE(row->getValue<bool>("delivered"));
    EXPECT_FALSE(row->getValue<bool>("dropped"));
    EXPECT_EQ(row->getValue<std::string>("body"), log[0].body);
    EXPECT_EQ(call("POST", "/_sandbox/webhooks").status, 405);
}

TEST_F(WebhooksTest, OnlyLoopbackHttpUrlsAreAccepted) {
    WebhookOptions o;
    for (const char* url : {"http://example.com/webhooks", "http://10.0.0.1:8080/x",
                            "http://192.168.1.5/x", "https://127.0.0.1:9/x", "ftp://127.0.0.1/x",
                            "http://[::ffff:10.0.0.1]:80/", "not a url", "http://127.0.0.1:0/x"}) {
        o.url = url;
        EXPECT_THROW(sandbox.set_webhooks(o), std::invalid_argument) << url;
    }
    for (const char* url : {"http://127.0.0.1:9/x", "http://127.1.2.3:9/", "http://localhost:9",
                            "http://[::1]:9/x"}) {
        o.url = url;
        EXPECT_NO_THROW(sandbox.set_webhooks(o)) << url;
    }
    o.url = receiver.url();
    o.timeout_ms = 0;
    EXPECT_THROW(sandbox.set_webhooks(o), std::invalid_argument);
    o.timeout_ms = 100;
    o.retry_delays_ms = {10, -1};
    EXPECT_THROW(sandbox.set_webhooks(o), std::invalid_argument);
    o.retry_delays_ms = {};
    o.header_name = "X-Bad\r\nInjected";
    EXPECT_THROW(sandbox.set_webhooks(o), std::invalid_argument);
}

TEST_F(WebhooksTest, LocalhostIsDialledAsLoopback) {
    WebhookOptions o;
    o.url = "http://localhost:" + std::to_string(receiver.port()) + "/hook";
    sandbox.set_webhooks(o);
    sandbox.pay(new_order());
    const auto got = delivered(1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].path, "/hook");
    EXPECT_EQ(got[0].peer_host, "127.0.0.1");
    EXPECT_EQ(got[0].headers.get("Host", ""), "localhost:" + std::to_string(receiver.port()));
}

}  // namespace
}  // namespace jodo::sandbox::test
