// A backlog of due collections is reconciled by one `reconcile` call: claimed
// a chunk at a time, checked jodo.reconcile.concurrency at once, each exactly
// once (the sandbox counts the Get calls), until nothing is due.
#include <gtest/gtest.h>

#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;

class ReconcileBacklog : public testing::TestWithParam<std::string> {};

TEST_P(ReconcileBacklog, OneCallChecksEveryDueCollectionExactlyOnce) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.settings = {{"jodo.bulk.concurrency", "16"}, {"jodo.reconcile.concurrency", "16"}};
    LifecycleHarness h(db.connection_string(), options);
    ASSERT_EQ(h.plugin_start_error(), "");
    constexpr int kInvoices = 300;
    std::vector<std::string> invoices;
    for (int i = 0; i < kInvoices; ++i)
        invoices.push_back(h.add_invoice(LifecycleHarness::sample("INV-DUE-" + std::to_string(i))));
    const auto collected = h.batch("collect_all");
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    ASSERT_EQ(output(collected, "created"), std::to_string(kInvoices));
    // Every third is paid at Jodo and its webhook never arrives.
    std::vector<std::string> paid;
    for (int i = 0; i < kInvoices; i += 3) {
        const auto rows = h.collections(invoices[i]);
        ASSERT_EQ(rows.size(), 1u);
        h.sandbox().pay(rows[0].order_id);
        paid.push_back(invoices[i]);
    }
    // Each answer takes 10 ms, as Jodo's would over a network.
    h.sandbox().set_chaos({1.0, {jodo::sandbox::FaultKind::slow}, 10, 1, ""});
    h.advance_clock_s(60);  // past every first check
    const std::size_t before = h.sandbox().api_request_count();

    const auto reconciled = h.batch("reconcile");

    ASSERT_TRUE(reconciled.status.ok()) << reconciled.status.message;
    EXPECT_EQ(output(reconciled, "checked"), std::to_string(kInvoices));
    EXPECT_EQ(output(reconciled, "changed"), std::to_string(paid.size()));
    EXPECT_EQ(output(reconciled, "errors"), "0");
    // One Get per collection: none skipped, none asked twice.
    EXPECT_EQ(h.sandbox().api_request_count() - before, std::size_t(kInvoices));
    EXPECT_EQ(h.sandbox().create_count(), std::size_t(kInvoices));
    for (const auto& invoice : paid)
        EXPECT_EQ(h.collections(invoice)[0].status, "paid") << invoice;
    EXPECT_EQ(h.collections(invoices[1])[0].status, "unpaid");

    // Nothing is due until the next schedule: a second call asks Jodo nothing.
    const auto again = h.batch("reconcile");
    ASSERT_TRUE(again.status.ok()) << again.status.message;
    EXPECT_EQ(output(again, "checked"), "0");
    EXPECT_EQ(h.sandbox().api_request_count() - before, std::size_t(kInvoices));

    // The checks that found nothing new wrote their schedule (a chunk per
    // commit), not only held their lease: a minute on, well inside the
    // lease, every collection's second look is due.
    h.advance_clock_s(61);
    const auto second = h.batch("reconcile");
    ASSERT_TRUE(second.status.ok()) << second.status.message;
    EXPECT_EQ(output(second, "checked"), std::to_string(kInvoices));
    EXPECT_EQ(output(second, "changed"), "0");
    EXPECT_EQ(output(second, "errors"), "0");
    EXPECT_EQ(h.sandbox().api_request_count() - before, std::size_t(2 * kInvoices));
    EXPECT_EQ(h.collections(invoices[1])[0].status, "unpaid");
}

INSTANTIATE_TEST_SUITE_P(Databases, ReconcileBacklog,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
