// Cancelling a payment link that can no longer be cancelled: Jodo answers
// 400 HUE00000 (cancel-payment-link.txt); the accountant is told what the link
// is, read back from Jodo, and a link the database already holds as paid is
// not sent to Jodo at all.
#include <gtest/gtest.h>

#include "host_sim/http/CheckoutPayer.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;
using erp_plugin::StatusCode;

namespace {
bool says(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
}  // namespace

class CancelLink : public testing::TestWithParam<std::string> {};

TEST_P(CancelLink, PaidInTheDatabaseSendsNothingToJodo) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-C1"));
    auto sent = h.action("send_link", invoice);
    ASSERT_TRUE(sent.status.ok()) << sent.status.message;
    const std::string order_id = output(sent, "order_id");
    const std::string transaction = h.sandbox().pay(order_id);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    ASSERT_EQ(h.collections(invoice)[0].status, "paid");

    for (const bool settle : {false, true}) {
        if (settle) {
            h.sandbox().settle(order_id);
            ASSERT_TRUE(h.refresh(invoice).status.ok());
            ASSERT_EQ(h.collections(invoice)[0].status, "settled");
        }
        const std::size_t requests = h.sandbox().api_request_count();
        auto cancel = h.action("cancel_link", invoice);
        EXPECT_EQ(cancel.status.code, StatusCode::rejected) << cancel.status.message;
        EXPECT_EQ(h.sandbox().api_request_count(), requests) << "a request went to Jodo";
        EXPECT_TRUE(says(cancel.status.message, "already paid")) << cancel.status.message;
        EXPECT_TRUE(says(cancel.status.message, transaction)) << cancel.status.message;
        EXPECT_FALSE(says(cancel.status.message, "correct the invoice")) << cancel.status.message;
        EXPECT_EQ(h.sandbox().find(order_id)->status, "paid");
    }
}

TEST_P(CancelLink, PaidAtJodoBeforeTheDatabaseKnewIsReadBackAndSaid) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-C2"));
    auto sent = h.action("send_link", invoice);
    ASSERT_TRUE(sent.status.ok()) << sent.status.message;
    // The payer paid a moment ago; no webhook or refresh has told the ERP yet.
    host_sim::pay_at_checkout(output(sent, "redirect_url"));
    ASSERT_EQ(h.collections(invoice)[0].status, "unpaid");

    auto cancel = h.action("cancel_link", invoice);
    EXPECT_EQ(cancel.status.code, StatusCode::rejected) << cancel.status.message;
    EXPECT_TRUE(says(cancel.status.message, "already paid")) << cancel.status.message;
    EXPECT_FALSE(says(cancel.status.message, "correct the invoice")) << cancel.status.message;
    const auto stored = h.collections(invoice)[0];
    EXPECT_EQ(stored.status, "paid");
    EXPECT_FALSE(stored.transaction_id.empty());
    EXPECT_TRUE(says(cancel.status.message, stored.transaction_id)) << cancel.status.message;
    EXPECT_EQ(h.sandbox().find(output(sent, "order_id"))->status, "paid");
}

TEST_P(CancelLink, ExpiredAtJodoIsReadBackAndSaid) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-C3"));
    auto sent = h.action("send_link", invoice);
    ASSERT_TRUE(sent.status.ok()) << sent.status.message;
    h.sandbox().expire_now(output(sent, "order_id"));
    ASSERT_EQ(h.collections(invoice)[0].status, "unpaid");

    auto cancel = h.action("cancel_link", invoice);
    EXPECT_EQ(cancel.status.code, StatusCode::rejected) << cancel.status.message;
    EXPECT_TRUE(says(cancel.status.message, "already expired")) << cancel.status.message;
    EXPECT_FALSE(says(cancel.status.message, "correct the invoice")) << cancel.status.message;
    EXPECT_EQ(h.collections(invoice)[0].status, "expired");
    // Nothing holds the invoice any more: a new link may be sent.
    EXPECT_TRUE(h.action("send_link", invoice).status.ok());
}

INSTANTIATE_TEST_SUITE_P(Databases, CancelLink, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
