// An invoice from "Collect" to settled, on each supported database.
#include <gtest/gtest.h>

#include "host_sim/http/CheckoutPayer.hpp"
#include "jodo/api/money.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;

class Lifecycle : public testing::TestWithParam<std::string> {};

TEST_P(Lifecycle, InvoiceGoesUnpaidPaidSettledAndTheDatabaseSaysSo) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    ASSERT_EQ(h.plugin_start_error(), "");
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-1"));

    auto collected = h.collect(invoice);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const std::string order_id = output(collected, "order_id");
    const std::string redirect = output(collected, "redirect_url");
    ASSERT_FALSE(order_id.empty());
    EXPECT_EQ(redirect.rfind(h.sandbox().base_url() + "/p/" + order_id, 0), 0u) << redirect;

    // What Jodo received is what the invoice says, line by line, to the paisa.
    auto sent = h.sandbox().find(order_id);
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->lines.size(), 2u);
    EXPECT_EQ(sent->lines[0].component_type, "TUITION_FEE");
    EXPECT_EQ(sent->lines[0].amount, 4250000);
    EXPECT_EQ(sent->lines[1].amount, 620050);
    EXPECT_EQ(sent->phone, "9876543210");
    bool has_reference = false;
    for (const auto& [key, value] : sent->notes)
        has_reference |= key == "erp_invoice_id" && value == invoice;
    EXPECT_TRUE(has_reference);

    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "unpaid");
    EXPECT_EQ(stored[0].order_id, order_id);
    EXPECT_EQ(stored[0].redirect_url, redirect);
    EXPECT_EQ(jodo::parse_rupees(stored[0].amount), 4870050);

    host_sim::pay_at_checkout(redirect);
    const std::string transaction = h.sandbox().find(order_id)->transaction_id;
    ASSERT_FALSE(transaction.empty());
    auto refreshed = h.refresh(invoice);
    ASSERT_TRUE(refreshed.status.ok()) << refreshed.status.message;
    stored = h.collections(invoice);
    EXPECT_EQ(stored[0].status, "paid");
    EXPECT_EQ(stored[0].transaction_id, transaction);
    EXPECT_EQ(stored[0].paid_at, h.sandbox().find(order_id)->paid_at);
    EXPECT_EQ(stored[0].utrs, (std::vector<std::string>{"", ""}));

    const auto utrs = h.sandbox().settle(order_id);
    ASSERT_EQ(utrs.size(), 2u);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    stored = h.collections(invoice);
    EXPECT_EQ(stored[0].status, "settled");
    EXPECT_EQ(stored[0].utrs, utrs);
    EXPECT_EQ(stored[0].transaction_id, transaction);
}

TEST_P(Lifecycle, CollectingTwiceReturnsTheSameOrder) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-2"));
    auto first = h.collect(invoice);
    auto second = h.collect(invoice);
    ASSERT_TRUE(second.status.ok());
    EXPECT_EQ(output(second, "order_id"), output(first, "order_id"));
    EXPECT_EQ(output(second, "redirect_url"), output(first, "redirect_url"));
    EXPECT_EQ(h.sandbox().create_count(), 1u);
    EXPECT_EQ(h.collections(invoice).size(), 1u);
}

TEST_P(Lifecycle, RefreshBeforePaymentLeavesItUnpaid) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-3"));
    ASSERT_TRUE(h.collect(invoice).status.ok());
    auto refreshed = h.refresh(invoice);
    ASSERT_TRUE(refreshed.status.ok());
    EXPECT_EQ(output(refreshed, "status"), "unpaid");
    EXPECT_EQ(h.collections(invoice)[0].paid_at, "");
}

INSTANTIATE_TEST_SUITE_P(Databases, Lifecycle, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
