// collect_all with many invoices in flight: each invoice gets exactly one
// order, counts come from status codes, and a Jodo that is down stops the run
// early instead of being asked about every remaining invoice.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;

class BulkCollection : public testing::TestWithParam<std::string> {};

TEST_P(BulkCollection, ManyInFlightMakeExactlyOneOrderPerInvoice) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.settings = {{"jodo.bulk.concurrency", "16"}};
    LifecycleHarness h(db.connection_string(), options);
    ASSERT_EQ(h.plugin_start_error(), "");
    // Every answer takes 50 ms, as Jodo's would over the internet.
    h.sandbox().set_chaos({1.0, {jodo::sandbox::FaultKind::slow}, 50, 1, ""});
    std::vector<std::string> invoices;
    std::vector<host_sim::SampleInvoice> samples;
    for (int i = 0; i < 60; ++i)
        samples.push_back(LifecycleHarness::sample("INV-BULK-" + std::to_string(i)));
    for (auto& s : samples)
        invoices.push_back(h.add_invoice(s));
    auto result = h.batch("collect_all");
    ASSERT_TRUE(result.status.ok()) << result.status.message;
    EXPECT_EQ(output(result, "created"), "60");
    EXPECT_EQ(output(result, "errors"), "0");
    EXPECT_EQ(output(result, "not_attempted"), "0");
    EXPECT_EQ(h.sandbox().create_count(), 60u);
    std::set<std::string> orders;
    for (const auto& invoice : invoices) {
        const auto rows = h.collections(invoice);
        ASSERT_EQ(rows.size(), 1u) << invoice;
        EXPECT_EQ(rows[0].status, "unpaid") << invoice;
        EXPECT_TRUE(orders.insert(rows[0].order_id).second);
    }
    // A second run finds every invoice collected and sends nothing.
    h.sandbox().clear_faults();
    auto again = h.batch("collect_all");
    EXPECT_EQ(output(again, "already_collected"), "60");
    EXPECT_EQ(h.sandbox().create_count(), 60u);
}

// The loser of a race for an invoice (an accountant's click, or another
// collect_all, is creating its order right now) counts it as held by someone
// else, not as an error.
TEST_P(BulkCollection, AnInvoiceAnotherProcessIsCreatingCountsAsAlreadyCollected) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    ASSERT_EQ(h.plugin_start_error(), "");
    h.sandbox().set_chaos({1.0, {jodo::sandbox::FaultKind::slow}, 1500, 1, ""});
    const std::string held = h.add_invoice(LifecycleHarness::sample("INV-HELD"));
    h.add_invoice(LifecycleHarness::sample("INV-FREE"));
    std::thread click([&] { h.collect(held); });
    for (int i = 0; i < 100; ++i) {
        const auto rows = h.collections(held);
        if (!rows.empty() && rows[0].status == "creating")
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(h.collections(held).at(0).status, "creating");
    auto result = h.batch("collect_all");
    click.join();
    ASSERT_TRUE(result.status.ok()) << result.status.message;
    EXPECT_EQ(output(result, "errors"), "0");
    EXPECT_EQ(output(result, "already_collected"), "1");
    EXPECT_EQ(output(result, "created"), "1");
    EXPECT_EQ(h.sandbox().create_count(), 2u);
    EXPECT_EQ(h.collections(held).size(), 1u);
}

TEST_P(BulkCollection, AJodoThatIsDownStopsTheRunEarly) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.settings = {{"jodo.bulk.concurrency", "2"},
                        {"jodo.bulk.stop_after_unavailable", "4"},
                        {"jodo.retry.max_attempts", "1"}};
    LifecycleHarness h(db.connection_string(), options);
    for (int i = 0; i < 40; ++i)
        h.add_invoice(LifecycleHarness::sample("INV-DOWN-" + std::to_string(i)));
    h.sandbox().set_chaos({1.0, {jodo::sandbox::FaultKind::status_503}, 0, 1, ""});
    auto result = h.batch("collect_all");
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::unavailable);
    EXPECT_NE(result.status.message.find("run the bulk collection again"), std::string::npos);
    EXPECT_GT(std::stoi(output(result, "not_attempted")), 20) << result.status.message;
    EXPECT_LT(h.sandbox().api_request_count(), 20u);
    EXPECT_EQ(h.sandbox().create_count(), 0u);
}

// Interface 1.2: the host hears how far the run has got while it runs, and
// the last report carries the final counts.
TEST_P(BulkCollection, ReportsProgressToTheHostAsItGoes) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.settings = {{"jodo.bulk.concurrency", "2"}};
    LifecycleHarness h(db.connection_string(), options);
    ASSERT_EQ(h.plugin_start_error(), "");
    h.sandbox().set_chaos({1.0, {jodo::sandbox::FaultKind::slow}, 30, 1, ""});
    for (int i = 0; i < 40; ++i)
        h.add_invoice(LifecycleHarness::sample("INV-PROG-" + std::to_string(i)));
    std::mutex mutex;
    std::vector<erp_plugin::JobProgress> reports;
    h.services().on_progress([&](const erp_plugin::JobProgress& p) {
        std::lock_guard<std::mutex> lock(mutex);
        reports.push_back(p);
    });
    auto result = h.batch("collect_all", {{"job", "term-2"}});
    h.services().on_progress({});
    ASSERT_TRUE(result.status.ok()) << result.status.message;
    ASSERT_GE(reports.size(), 2u);
    for (std::size_t i = 0; i < reports.size(); ++i) {
        EXPECT_EQ(reports[i].action, "collect_all");
        EXPECT_EQ(reports[i].job, "term-2");
        EXPECT_EQ(reports[i].total, 40u);
        EXPECT_EQ(reports[i].finished, i + 1 == reports.size());
        if (i > 0) {
            EXPECT_GE(reports[i].done, reports[i - 1].done);
        }
    }
    EXPECT_LT(reports.front().done, 40u);
    EXPECT_EQ(reports.back().done, 40u);
    EXPECT_EQ(erp_plugin::find_field(reports.back().counts, "created")
                  ? *erp_plugin::find_field(reports.back().counts, "created")
                  : "",
              output(result, "created"));
}

INSTANTIATE_TEST_SUITE_P(Databases, BulkCollection,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
