// Payment links from the invoice screen: sent with an expiry, paid, expired,
// cancelled; each state read back from the ERP database.
#include <gtest/gtest.h>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include "host_sim/http/CheckoutPayer.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;

class PaymentLinks : public testing::TestWithParam<std::string> {};

TEST_P(PaymentLinks, SentWithExpiryPaidAndSettled) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.settings["jodo.link_expiry_hours"] = "48";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-L1"));
    auto sent = h.action("send_link", invoice);
    ASSERT_TRUE(sent.status.ok()) << sent.status.message;
    EXPECT_EQ(output(sent, "kind"), "payment_link");
    const std::string order_id = output(sent, "order_id");
    auto link = h.sandbox().find(order_id);
    ASSERT_TRUE(link);
    EXPECT_EQ(link->kind, "payment_link");
    // The expiry we stored is the one Jodo got: 48 h from now.
    EXPECT_EQ(output(sent, "expires_at"), link->expires_at);
    int zone = 0;
    const Poco::DateTime expires =
        Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FORMAT, link->expires_at, zone);
    const auto hours = (expires - Poco::DateTime()).totalSeconds() / 3600.0;
    EXPECT_NEAR(hours, 48.0, 0.05) << link->expires_at;

    host_sim::pay_at_checkout(output(sent, "redirect_url"));
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    EXPECT_EQ(h.collections(invoice)[0].status, "paid");
    h.sandbox().settle(order_id);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    EXPECT_EQ(h.collections(invoice)[0].status, "settled");
    // A paid link cannot be cancelled; the accountant is told why.
    auto cancel = h.action("cancel_link", invoice);
    EXPECT_FALSE(cancel.status.ok());
}

TEST_P(PaymentLinks, ExpiredLinkIsWrittenBackAndANewOneCanBeSent) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-L2"));
    const std::string order_id = output(h.action("send_link", invoice), "order_id");
    h.sandbox().expire_now(order_id);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    auto stored = h.collections(invoice);
    EXPECT_EQ(stored[0].status, "expired");
    EXPECT_EQ(stored[0].active, 0);
    // The invoice may be collected again: a fresh link, the old one stays expired.
    auto again = h.action("send_link", invoice);
    ASSERT_TRUE(again.status.ok()) << again.status.message;
    EXPECT_NE(output(again, "order_id"), order_id);
    EXPECT_EQ(h.collections(invoice).size(), 2u);
}

TEST_P(PaymentLinks, CancelledLinkIsWrittenBack) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-L3"));
    const std::string order_id = output(h.action("send_link", invoice), "order_id");
    auto cancelled = h.action("cancel_link", invoice);
    ASSERT_TRUE(cancelled.status.ok()) << cancelled.status.message;
    EXPECT_EQ(output(cancelled, "status"), "cancelled");
    EXPECT_EQ(h.sandbox().find(order_id)->status, "cancelled");
    EXPECT_EQ(h.collections(invoice)[0].status, "cancelled");
    EXPECT_EQ(h.collections(invoice)[0].active, 0);
}

TEST_P(PaymentLinks, CancelWithoutALinkSaysSo) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-L5"));
    auto result = h.action("cancel_link", invoice);
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::not_found);
    EXPECT_NE(result.status.message.find("no open Jodo payment link"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, PaymentLinks,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
