// Item 5 of issue 5 (issue 11: also MariaDB): the database server is stopped
// and started again under a running host. While it is down Jodo's webhooks get 503 (so Jodo
// retries); once it is back, a redelivery is accepted, the invoice becomes paid, and the plugin's
// session pool serves new work again without a restart of the host.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include <Poco/Data/Session.h>

#include "erp_sql/OpenOdbcSession.hpp"
#include "support/DatabaseServer.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"
#include "support/ScaleRig.hpp"

using namespace Poco::Data::Keywords;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {
// The invoice's active collection status, read on a new connection.
std::string status_of(const std::string& connection, const std::string& invoice) {
    Poco::Data::Session session = erp_sql::open_odbc_session(connection);
    std::vector<std::string> statuses;
    std::string id = invoice;
    session << "SELECT status FROM jodo_collections WHERE invoice_id = ? AND active = 1", use(id),
        into(statuses), now;
    return statuses.empty() ? std::string() : statuses.front();
}

// The invoice's only webhook delivery as the sandbox logged it.
jodo::sandbox::WebhookDelivery delivery(LifecycleHarness& h) {
    const auto log = h.sandbox().webhook_log();
    return log.empty() ? jodo::sandbox::WebhookDelivery{} : log.back();
}
}  // namespace

class DatabaseRestart : public testing::TestWithParam<std::string> {};

TEST_P(DatabaseRestart, WebhooksGet503WhileDownAndNothingIsLostAfterwards) {
    // Runs wherever that database's suites run (it needs the server's binaries).
    acceptance::ErpDatabase shared(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(shared);
    scaleout::DatabaseServer cluster(GetParam());
    std::string connection;
    ASSERT_NO_THROW(connection = cluster.start());

    HarnessOptions options;
    options.webhook_secret = "whsec_restart";
    LifecycleHarness h(connection, options);
    ASSERT_EQ(h.plugin_start_error(), "");
    jodo::sandbox::WebhookOptions webhooks;
    webhooks.url = h.webhook_url();
    webhooks.secret = options.webhook_secret;
    webhooks.retry_delays_ms = {300, 600, 1200, 2400, 4800, 4800};
    h.sandbox().set_webhooks(webhooks);
    const std::string first = h.add_invoice(LifecycleHarness::sample("INV-R1"));
    const std::string second = h.add_invoice(LifecycleHarness::sample("INV-R2"));
    const auto collected = h.collect(first);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const std::string order_id = output(collected, "order_id");
    // Several accountants at once: the pool now holds several open sessions,
    // all of which the restart will cut.
    std::vector<std::thread> clicks;
    for (int i = 0; i < 8; ++i)
        clicks.emplace_back([&] { h.refresh(first); });
    for (auto& t : clicks)
        t.join();

    cluster.stop();
    h.sandbox().pay(order_id);
    for (int waited = 0; delivery(h).attempts < 2 && waited < 10000; waited += 20)
        scaleout::sleep_ms(20);
    const auto while_down = delivery(h);
    ASSERT_GE(while_down.attempts, 2);
    EXPECT_EQ(while_down.last_status, 503);
    EXPECT_FALSE(while_down.delivered);
    const auto refused = h.collect(second);  // the accountant is told, nothing is sent
    EXPECT_EQ(refused.status.code, erp_plugin::StatusCode::unavailable) << refused.status.message;
    EXPECT_EQ(h.sandbox().create_count(), 1u);

    ASSERT_EQ(cluster.start(), connection);
    const int attempts_at_restart = delivery(h).attempts;
    // The pool reconnects: the next accountant's click works the first time,
    // although the pool still holds sessions the restart cut.
    const auto later = h.collect(second);
    ASSERT_TRUE(later.status.ok()) << later.status.message;
    EXPECT_EQ(output(later, "status"), "unpaid");
    EXPECT_EQ(h.sandbox().create_count(), 2u);
    EXPECT_EQ(status_of(connection, second), "unpaid");

    // Jodo's next redelivery is accepted (one more may have been on its way
    // while the server was starting), and the stored event pays the invoice.
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(20000));
    const auto after = delivery(h);
    EXPECT_TRUE(after.delivered);
    EXPECT_EQ(after.last_status, 200);
    EXPECT_LE(after.attempts, attempts_at_restart + 2);
    const auto processed = h.batch("process_webhooks");
    ASSERT_TRUE(processed.status.ok()) << processed.status.message;
    EXPECT_EQ(output(processed, "processed"), "1");
    EXPECT_EQ(status_of(connection, first), "paid");
    RecordProperty("webhook_attempts", after.attempts);
}

INSTANTIATE_TEST_SUITE_P(Servers, DatabaseRestart, testing::Values("postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
