// How the sandbox delivers Jodo webhooks when things fail: retries on the
// schedule, give-up, unreachable endpoints, drop, duplicate, hold/release,
// seeded chaos, and a prompt stop().
#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "WebhooksFixture.hpp"
#include "host_sim/sandbox/BasicAuth.hpp"

namespace jodo::sandbox::test {
namespace {

TEST_F(WebhooksTest, RetriesOn500UntilA2xxSpacedByTheSchedule) {
    use_webhooks({80, 160, 320});
    receiver.script_statuses({500, 500, 200});
    sandbox.pay(new_order());

    const auto got = delivered(3);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[1].body, got[0].body);
    EXPECT_EQ(got[2].body, got[0].body);
    EXPECT_GE(ms_between(got[0].at, got[1].at), 80);
    EXPECT_GE(ms_between(got[1].at, got[2].at), 160);
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_EQ(receiver.received().size(), 3u) << "no attempt after the 2xx";
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].attempts, 3);
    EXPECT_EQ(log[0].last_status, 200);
    EXPECT_TRUE(log[0].delivered);
}

TEST_F(WebhooksTest, GivesUpAfterTheLastRetry) {
    use_webhooks({20, 40});
    receiver.script_statuses({}, 503);
    sandbox.pay(new_order());

    const auto got = delivered(3);
    EXPECT_EQ(got.size(), 3u);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(receiver.received().size(), 3u) << "1 attempt + 2 retries, then nothing";
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].attempts, 3);
    EXPECT_EQ(log[0].last_status, 503);
    EXPECT_FALSE(log[0].delivered);
    EXPECT_FALSE(log[0].dropped);
}

TEST_F(WebhooksTest, ATimeoutIsAFailedAttempt) {
    WebhookOptions o = options({30});
    o.timeout_ms = 150;
    sandbox.set_webhooks(o);
    receiver.script({Answer{200, 1000}}, Answer{200, 0});
    sandbox.pay(new_order());

    const auto got = delivered(2);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_GE(ms_between(got[0].at, got[1].at), 150 + 30);
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].attempts, 2);
    EXPECT_EQ(log[0].last_status, 200);
    EXPECT_TRUE(log[0].delivered);
}

TEST_F(WebhooksTest, AnUnreachableEndpointIsRetriedThenGivenUp) {
    WebhookOptions o = options({10, 10});
    o.url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/webhooks/jodo";
    sandbox.set_webhooks(o);
    sandbox.pay(new_order());
    EXPECT_TRUE(sandbox.wait_for_webhooks(5000));
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].attempts, 3);
    EXPECT_EQ(log[0].last_status, 0);
    EXPECT_FALSE(log[0].delivered);
}

TEST_F(WebhooksTest, OneEventsRetriesDoNotHoldUpTheNext) {
    use_webhooks({300});
    receiver.script_statuses({500}, 200);  // only the very first attempt fails
    const auto id = new_order();
    sandbox.pay(id);
    receiver.wait_for(1, 2000);
    sandbox.settle(id);
    const auto got = delivered(3);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.debited", "order.payment.settled",
                                        "order.payment.debited"}));
}

TEST_F(WebhooksTest, DropNextLosesTheEventForGood) {
    use_webhooks();
    sandbox.drop_next_webhooks(1);
    const auto id = new_order();
    sandbox.pay(id);
    sandbox.settle(id);
    const auto got = delivered(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_EQ(events_of(receiver.received()), (std::vector<std::string>{"order.payment.settled"}));
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].event, "order.payment.debited");
    EXPECT_TRUE(log[0].dropped);
    EXPECT_EQ(log[0].attempts, 0);
    EXPECT_FALSE(log[0].delivered);
    EXPECT_FALSE(log[0].body.empty());
    EXPECT_FALSE(log[1].dropped);
    EXPECT_TRUE(log[1].delivered);
}

TEST_F(WebhooksTest, DuplicateNextDeliversTheSameEventTwice) {
    use_webhooks();
    sandbox.duplicate_next_webhooks(1);
    const auto id = new_order();
    sandbox.pay(id);
    sandbox.settle(id);
    const auto got = delivered(3);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.debited", "order.payment.debited",
                                        "order.payment.settled"}));
    EXPECT_EQ(got[0].body, got[1].body);
    EXPECT_EQ(got[0].headers.get("X-Jodo-Signature", ""),
              got[1].headers.get("X-Jodo-Signature", "-"));
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].event_id, log[1].event_id);
    EXPECT_NE(log[1].event_id, log[2].event_id);
    EXPECT_TRUE(log[0].delivered && log[1].delivered && log[2].delivered);
}

TEST_F(WebhooksTest, HeldEventsWaitAndReleaseInReverseCarriesTheOlderSnapshot) {
    use_webhooks();
    sandbox.hold_webhooks();
    const auto id = new_order();
    sandbox.pay(id);
    sandbox.settle(id);
    EXPECT_TRUE(sandbox.wait_for_webhooks(1000)) << "held events do not count as pending";
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_TRUE(receiver.received().empty());
    auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].attempts + log[1].attempts, 0);

    sandbox.release_webhooks(/*reverse_order=*/true);
    const auto got = delivered(2);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.settled", "order.payment.debited"}));
    // The late debited event still shows the order as it was when it happened.
    EXPECT_TRUE(order_of(got[1].body)->getArray("details")->getObject(0)->isNull("settlement_utr"));
    EXPECT_FALSE(
        order_of(got[0].body)->getArray("details")->getObject(0)->isNull("settlement_utr"));
}

TEST_F(WebhooksTest, ReleaseInOrderKeepsTheOrder) {
    use_webhooks();
    sandbox.hold_webhooks();
    const auto id = new_order();
    sandbox.pay(id);
    sandbox.settle(id);
    sandbox.release_webhooks(false);
    const auto got = delivered(2);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.debited", "order.payment.settled"}));
    // Holding ended with the release: the next event goes straight out.
    sandbox.send_event("order.payment.settled", id);
    delivered(3);
}

TEST_F(WebhooksTest, ChaosReorderLetsTheNextEventOvertake) {
    use_webhooks();
    WebhookChaos chaos;
    chaos.reorder = 1.0;
    sandbox.set_webhook_chaos(chaos);
    const auto id = new_order();
    sandbox.pay(id);
    sandbox.settle(id);
    const auto got = delivered(2);
    EXPECT_EQ(events_of(got),
              (std::vector<std::string>{"order.payment.settled", "order.payment.debited"}));
}

TEST_F(WebhooksTest, ChaosReorderedEventIsStillSentWhenNothingFollows) {
    use_webhooks();
    WebhookChaos chaos;
    chaos.reorder = 1.0;
    sandbox.set_webhook_chaos(chaos);
    sandbox.pay(new_order());
    const auto got = delivered(1);
    EXPECT_EQ(events_of(got), (std::vector<std::string>{"order.payment.debited"}));
}

// Runs a fresh sandbox with chaos and returns the log's shape (order number,
// event, fate) in emission order, checking it against what the receiver saw.
std::vector<std::string> chaos_shape(std::uint64_t seed) {
    WebhookReceiver receiver;
    JodoSandbox box;
    box.start();
    WebhookOptions o;
    o.url = receiver.url();
    o.retry_delays_ms = {10};
    box.set_webhooks(o);
    WebhookChaos chaos;
    chaos.duplicate = 0.3;
    chaos.drop = 0.3;
    chaos.reorder = 0.3;
    chaos.max_extra_delay_ms = 15;
    chaos.seed = seed;
    box.set_webhook_chaos(chaos);

    std::vector<std::string> ids;
    for (int i = 0; i < 12; ++i) {
        Poco::Net::HTTPClientSession session("127.0.0.1", box.port());
        const auto result = send(session, "POST", kOrders, order_body(),
                                 BasicAuth::header_value("sandbox_key", "sandbox_secret"));
        EXPECT_EQ(result.status, 200) << result.body;
        ids.push_back(result.json()->getObject("data")->getValue<std::string>("order_id"));
        box.pay(ids.back());
    }
    EXPECT_TRUE(box.wait_for_webhooks(5000));
    const auto log = box.webhook_log();
    std::vector<std::string> shape;
    std::size_t sent = 0;
    for (const auto& entry : log) {
        const auto order_no = std::find(ids.begin(), ids.end(), entry.order_id) - ids.begin();
        shape.push_back(std::to_string(order_no) + " " + entry.event +
                        (entry.dropped     ? " dropped"
                         : entry.delivered ? " delivered"
                                           : " failed"));
        if (!entry.dropped)
            ++sent;
    }
    EXPECT_TRUE(receiver.wait_for(sent, 2000));
    EXPECT_EQ(receiver.received().size(), sent);
    box.stop();
    return shape;
}

TEST(WebhookChaosTest, TheSameSeedGivesTheSameLog) {
    const auto first = chaos_shape(42);
    const auto again = chaos_shape(42);
    EXPECT_EQ(first, again);
    EXPECT_NE(first, chaos_shape(7)) << "a different seed should give a different fate";

    std::size_t dropped = 0, duplicated = 0;
    for (const auto& row : first)
        dropped += row.find(" dropped") != std::string::npos;
    duplicated = first.size() - 12;
    EXPECT_GT(dropped, 0u) << ::testing::PrintToString(first);
    EXPECT_GT(duplicated, 0u) << ::testing::PrintToString(first);
}

TEST_F(WebhooksTest, StopDoesNotWaitForPendingRetries) {
    use_webhooks({5000, 5000});
    receiver.script_statuses({}, 500);
    sandbox.pay(new_order());
    ASSERT_TRUE(receiver.wait_for(1, 2000));
    for (int i = 0; i < 100 && sandbox.webhook_log().at(0).attempts == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));

    const auto started = Clock::now();
    sandbox.stop();
    EXPECT_LT(ms_between(started, Clock::now()), 1000);
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].attempts, 1);
    EXPECT_FALSE(log[0].delivered);
    EXPECT_TRUE(sandbox.wait_for_webhooks(0)) << "nothing pending after stop";
}

TEST_F(WebhooksTest, StopAbortsAnAttemptInFlight) {
    WebhookOptions o = options({5000});
    o.timeout_ms = 10000;
    sandbox.set_webhooks(o);
    receiver.script({Answer{200, 5000}});
    sandbox.pay(new_order());
    ASSERT_TRUE(receiver.wait_for(1, 2000));

    const auto started = Clock::now();
    sandbox.stop();
    EXPECT_LT(ms_between(started, Clock::now()), 1000);
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].attempts, 1);
    EXPECT_EQ(log[0].last_status, 0);
    EXPECT_FALSE(log[0].delivered);
}

}  // namespace
}  // namespace jodo::sandbox::test
