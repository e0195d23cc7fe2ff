// The lifecycle against every answer shape the Jodo docs show (AnswerShape.hpp):
// amounts as 1000, 1000.0 and "1000.0", academic years as strings, a create
// answer without "status", unknown fields everywhere. The sandbox writes them
// with its own code, so the connector's parsers meet what Jodo may really send.
#include <gtest/gtest.h>

#include <cctype>
#include <stdexcept>
#include <tuple>

#include "host_sim/http/CheckoutPayer.hpp"
#include "host_sim/sandbox/AnswerShape.hpp"
#include "jodo/api/money.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {

// Synchronous webhooks: the sandbox delivers signed events to the host, and the
// test runs the inbox batch itself, so every step is the webhook's doing.
HarnessOptions signed_webhooks() {
    HarnessOptions options;
    options.webhook_secret = "whsec_shapes";
    return options;
}

jodo::sandbox::AnswerShape shape_of(const std::string& traits) {
    std::string reason;
    auto shape = jodo::sandbox::parse_answer_shape(traits, &reason);
    if (!shape)
        throw std::invalid_argument(reason);
    return *shape;
}

// Delivers what the sandbox queued, then lets the plugin's inbox batch apply it.
void deliver_and_process(LifecycleHarness& h) {
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(10000));
    for (const auto& delivery : h.sandbox().webhook_log())
        ASSERT_EQ(delivery.last_status, 200) << delivery.event << " " << delivery.body;
    auto processed = h.batch("process_webhooks");
    ASSERT_TRUE(processed.status.ok()) << processed.status.message;
}

}  // namespace

class AnswerShapes : public testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(AnswerShapes, CollectPayAtCheckoutWebhookRefreshAndSettle) {
    const auto& [dialect, traits] = GetParam();
    ErpDatabase db(dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    ASSERT_EQ(h.plugin_start_error(), "");
    h.sandbox().set_answer_shape(shape_of(traits));
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-SH1"));

    auto collected = h.collect(invoice);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const std::string order_id = output(collected, "order_id");
    const std::string redirect = output(collected, "redirect_url");
    ASSERT_EQ(redirect.rfind(h.sandbox().base_url() + "/p/" + order_id, 0), 0u) << redirect;
    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "unpaid");
    EXPECT_EQ(jodo::parse_rupees(stored[0].amount), 4870050) << stored[0].amount;

    host_sim::pay_at_checkout(redirect);
    deliver_and_process(h);
    stored = h.collections(invoice);
    EXPECT_EQ(stored[0].status, "paid") << stored[0].review_reason << stored[0].error_reason;
    EXPECT_EQ(stored[0].transaction_id, h.sandbox().find(order_id)->transaction_id);
    EXPECT_EQ(stored[0].review_reason, "");

    auto refreshed = h.refresh(invoice);
    ASSERT_TRUE(refreshed.status.ok()) << refreshed.status.message;
    EXPECT_EQ(h.collections(invoice)[0].status, "paid");

    const auto utrs = h.sandbox().settle(order_id);
    deliver_and_process(h);
    stored = h.collections(invoice);
    EXPECT_EQ(stored[0].status, "settled") << stored[0].review_reason << stored[0].error_reason;
    EXPECT_EQ(stored[0].utrs, utrs);
    EXPECT_EQ(stored[0].review_reason, "");
    for (const auto& row : h.inbox(order_id))
        EXPECT_EQ(row.state, "processed") << row.event << ": " << row.note;
}

TEST_P(AnswerShapes, PaymentLinkIsCreatedPaidAndRefreshed) {
    const auto& [dialect, traits] = GetParam();
    ErpDatabase db(dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    h.sandbox().set_answer_shape(shape_of(traits));
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-SH2"));

    auto sent = h.action("send_link", invoice);
    ASSERT_TRUE(sent.status.ok()) << sent.status.message;
    const std::string order_id = output(sent, "order_id");
    ASSERT_TRUE(h.sandbox().find(order_id));
    EXPECT_EQ(h.collections(invoice)[0].status, "unpaid");

    h.sandbox().pay(order_id);
    deliver_and_process(h);
    EXPECT_EQ(h.collections(invoice)[0].status, "paid");
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    EXPECT_EQ(h.collections(invoice)[0].status, "paid");
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, AnswerShapes,
    testing::Combine(testing::Values("sqlite", "postgresql", "mariadb"),
                     testing::Values("documented", "numbers", "strings", "string-years",
                                     "no-create-status", "extra-fields",
                                     "strings,string-years,no-create-status,extra-fields")),
    [](const testing::TestParamInfo<AnswerShapes::ParamType>& info) {
        std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param);
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)))
                c = '_';
        return name;
    });
