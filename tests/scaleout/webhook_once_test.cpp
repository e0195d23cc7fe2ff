// Item 4 of issue 5, webhooks: events stored by one server are processed by
// three host-sim processes at once, each event exactly once.
#include <gtest/gtest.h>

#include <csignal>
#include <set>

#include "support/ErpDatabases.hpp"
#include "support/ScaleRig.hpp"

using scaleout::Exit;
using scaleout::PrivateDatabase;
using scaleout::ScaleRig;
using scaleout::Subprocess;

// Three processes need a server database: PostgreSQL and MariaDB.
class WebhookOnce : public testing::TestWithParam<std::string> {};

TEST_P(WebhookOnce, ThreeProcessesApplyEachStoredEventExactlyOnce) {
    constexpr int kEvents = 30;
    PrivateDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ScaleRig rig(db.connection_string());
    rig.add_invoices(kEvents);
    const auto config = rig.write_config("host");
    const Exit collected = rig.run({"action", "collect_all"}, config);
    ASSERT_TRUE(collected.ok()) << collected.describe();
    ASSERT_EQ(scaleout::field(collected.out, "created"), std::to_string(kEvents));

    // A server with no worker stores what Jodo sends and answers 200.
    std::string url;
    auto server = rig.serve(config, &url);
    ASSERT_FALSE(url.empty()) << server->err();
    rig.send_webhooks_to(url);
    for (const auto& row : rig.collections())
        rig.sandbox().pay(row.order_id);
    ASSERT_TRUE(rig.sandbox().wait_for_webhooks(20000));
    const auto log = rig.sandbox().webhook_log();
    ASSERT_EQ(log.size(), static_cast<std::size_t>(kEvents));
    for (const auto& delivery : log) {
        EXPECT_TRUE(delivery.delivered) << delivery.event_id;
        EXPECT_EQ(delivery.last_status, 200) << delivery.event_id;
    }
    server->signal(SIGTERM);
    const Exit stopped = server->wait(10000);
    ASSERT_TRUE(stopped.ok()) << stopped.describe();
    auto inbox = rig.inbox();
    ASSERT_EQ(inbox.size(), static_cast<std::size_t>(kEvents));
    for (const auto& event : inbox)
        EXPECT_EQ(event.state, "pending") << event.event_id;
    for (const auto& row : rig.collections())
        ASSERT_EQ(row.status, "unpaid") << row.invoice_id;

    const std::size_t requests_before = rig.sandbox().api_request_count();
    std::vector<std::unique_ptr<Subprocess>> running;
    for (int i = 0; i < 3; ++i)
        running.push_back(rig.spawn({"action", "process_webhooks"}, config));
    std::vector<Exit> exits;
    std::string shares;
    for (auto& p : running) {
        exits.push_back(p->wait(60000));
        ASSERT_TRUE(exits.back().ok()) << exits.back().describe();
        shares += scaleout::field(exits.back().out, "processed") + " ";
    }
    EXPECT_EQ(scaleout::sum_field(exits, "processed"), kEvents) << "per process: " << shares;
    // Each event's effect once: one Get Pay Order per event, one attempt each.
    EXPECT_EQ(rig.sandbox().api_request_count() - requests_before,
              static_cast<std::size_t>(kEvents));
    inbox = rig.inbox();
    ASSERT_EQ(inbox.size(), static_cast<std::size_t>(kEvents));
    std::set<std::string> ids;
    for (const auto& event : inbox) {
        EXPECT_EQ(event.state, "processed") << event.event_id;
        EXPECT_EQ(event.attempts, 1) << event.event_id;
        ids.insert(event.event_id);
    }
    for (const auto& delivery : log)
        EXPECT_EQ(ids.count(delivery.event_id), 1u) << delivery.event_id;
    for (const auto& row : rig.collections())
        EXPECT_EQ(row.status, "paid") << row.invoice_id;
    RecordProperty("processed_per_process", shares);
}

INSTANTIATE_TEST_SUITE_P(Databases, WebhookOnce, testing::Values("postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
