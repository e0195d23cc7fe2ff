// Item 1 of issue 5: one active collection per invoice, guaranteed by the
// database. Eight threads of one host, then two hosts (two plugin instances,
// two session pools) press "Collect" on the same invoice at the same moment:
// Jodo gets one order and every caller is told the same thing.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <spdlog/sinks/null_sink.h>

#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "support/ErpDatabases.hpp"
#include "support/ScaleRig.hpp"

using scaleout::PrivateDatabase;
using scaleout::ScaleRig;

namespace {

// host-sim's host classes in this process, with the built module loaded.
struct InProcessHost {
    InProcessHost(const std::string& connection, const std::string& jodo_url)
        : services(connection,
                   {{"jodo.base_url", jodo_url},
                    {"jodo.api_key", "scale_key"},
                    {"jodo.api_secret", "scale_secret"},
                    {"jodo.webhook.worker_interval_ms", "0"},
                    {"jodo.reconcile.interval_ms", "0"}},
                   std::make_shared<spdlog::logger>(
                       "scaleout", std::make_shared<spdlog::sinks::null_sink_mt>())),
          host(services) {
        for (const auto& refused : host.load_directory(JODO_PLUGIN_DIR).refused)
            start_error += refused.reason + "\n";
    }
    host_sim::SimHostServices services;
    host_sim::PluginHost host;
    std::string start_error;
};

std::string output(const erp_plugin::ActionResult& r, const std::string& key) {
    const std::string* value = erp_plugin::find_field(r.outputs, key);
    return value ? *value : std::string();
}

// Every caller pressed at once: `callers` threads, spread over `hosts`.
std::vector<erp_plugin::ActionResult> race(std::vector<InProcessHost*> hosts, int callers,
                                           const std::string& invoice) {
    std::vector<erp_plugin::ActionResult> results(callers);
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < callers; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (!go)
                std::this_thread::yield();
            results[i] = hosts[i % hosts.size()]->host.run("jodo", "collect", invoice);
        });
    while (ready < callers)
        std::this_thread::yield();
    go = true;
    for (auto& t : threads)
        t.join();
    return results;
}

// One order at Jodo, one active row holding it, and each answer is either
// that order's redirect URL or a plain "already being collected".
void expect_one_collection(ScaleRig& rig, const std::string& invoice,
                           const std::vector<erp_plugin::ActionResult>& results,
                           std::size_t orders_before) {
    EXPECT_EQ(rig.sandbox().create_count(), orders_before + 1) << invoice;
    const auto rows = rig.collections(invoice);
    ASSERT_EQ(rows.size(), 1u) << invoice;
    EXPECT_EQ(rows[0].active, 1);
    EXPECT_EQ(rows[0].status, "unpaid");
    auto order = rig.sandbox().find(rows[0].order_id);
    ASSERT_TRUE(order.has_value()) << rows[0].order_id;
    EXPECT_EQ(scaleout::invoice_of(*order), invoice);
    const std::string url = rows[0].redirect_url;
    ASSERT_FALSE(url.empty());

    int created = 0, same_url = 0, busy = 0;
    for (const auto& r : results) {
        const std::string message = r.status.ok() ? output(r, "message") : r.status.message;
        if (r.status.ok() && message == "Jodo order created.") {
            ++created;
            EXPECT_EQ(output(r, "redirect_url"), url);
        } else if (r.status.ok() && !output(r, "redirect_url").empty()) {
            ++same_url;
            EXPECT_EQ(output(r, "redirect_url"), url) << message;
            EXPECT_EQ(output(r, "order_id"), rows[0].order_id);
        } else if (r.status.ok() &&
                   message == "Invoice " + invoice + " is already being collected.") {
            ++busy;  // the winner had not heard back from Jodo yet
        } else if (r.status.code == erp_plugin::StatusCode::outcome_unknown &&
                   message.find("is still being confirmed with Jodo") != std::string::npos) {
            ++busy;
        } else {
            ADD_FAILURE() << "unexpected answer: " << erp_plugin::to_string(r.status.code) << " "
                          << message;
        }
    }
    EXPECT_EQ(created, 1);
    EXPECT_EQ(created + same_url + busy, static_cast<int>(results.size()));
}

}  // namespace

class DoubleCollect : public testing::TestWithParam<std::string> {};

TEST_P(DoubleCollect, EightThreadsOfOneHostMakeOneOrder) {
    PrivateDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ScaleRig rig(db.connection_string());
    InProcessHost host(db.connection_string(), rig.sandbox().base_url());
    ASSERT_EQ(host.start_error, "");
    for (int round = 0; round < 4; ++round) {
        const std::string invoice = rig.add_invoice("DC-" + std::to_string(round));
        const std::size_t before = rig.sandbox().create_count();
        const auto results = race({&host}, 8, invoice);
        expect_one_collection(rig, invoice, results, before);
        // Clicking again later returns the same order.
        const auto again = host.host.run("jodo", "collect", invoice);
        ASSERT_TRUE(again.status.ok()) << again.status.message;
        EXPECT_EQ(output(again, "redirect_url"), rig.collections(invoice)[0].redirect_url);
        EXPECT_EQ(rig.sandbox().create_count(), before + 1);
    }
}

TEST_P(DoubleCollect, TwoHostsWithTheirOwnPoolsMakeOneOrder) {
    PrivateDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ScaleRig rig(db.connection_string());
    InProcessHost first(db.connection_string(), rig.sandbox().base_url());
    InProcessHost second(db.connection_string(), rig.sandbox().base_url());
    ASSERT_EQ(first.start_error + second.start_error, "");
    ASSERT_NE(first.host.find("jodo"), second.host.find("jodo"));  // two plugin instances
    for (int round = 0; round < 4; ++round) {
        const std::string invoice = rig.add_invoice("DH-" + std::to_string(round));
        const std::size_t before = rig.sandbox().create_count();
        const auto results = race({&first, &second}, 8, invoice);
        expect_one_collection(rig, invoice, results, before);
    }
}

INSTANTIATE_TEST_SUITE_P(Databases, DoubleCollect,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
