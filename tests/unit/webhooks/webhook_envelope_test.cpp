#include "jodo/api/WebhookEnvelope.hpp"

#include <gtest/gtest.h>

#include "jodo/api/wire_error.hpp"
#include "support/Fixtures.hpp"

using jodo::parse_webhook_envelope;
using testing_support::jodo_fixture;

TEST(WebhookEnvelope, DocumentedExamplesVerbatim) {
    const std::pair<const char*, const char*> cases[] = {
        {"webhook_order_payment_debited.json", "order.payment.debited"},
        {"webhook_page_payment_settled.json", "page.payment.settled"},
        {"webhook_payment_link_debited.json", "payment_link.payment.debited"},
        {"webhook_payment_link_expired.json", "payment_link.payment.expired"}};
    for (const auto& [file, event] : cases) {
        auto e = parse_webhook_envelope(jodo_fixture(file));
        EXPECT_EQ(e.event, event) << file;
        EXPECT_FALSE(e.event_id.empty()) << file;
        EXPECT_FALSE(e.order_id.empty()) << file;
        EXPECT_TRUE(jodo::is_pay_event(e.event)) << file;
    }
    EXPECT_EQ(parse_webhook_envelope(jodo_fixture("webhook_order_payment_debited.json")).order_id,
              "order_12343532424");
}

TEST(WebhookEnvelope, FindsOurCollectionInNotes) {
    auto e = parse_webhook_envelope(
        R"({"event_id":"1","event":"order.payment.debited","payload":{"order_id":"o",
        "order":{"notes":[{"key":"erp_invoice_id","value":"INV-1"},{"key":"erp_collection_id","value":"c-9"}]}}})");
    EXPECT_EQ(e.collection_id, "c-9");
}

TEST(WebhookEnvelope, MissingEventIdIsNamed) {
    try {
        parse_webhook_envelope(R"({"event":"order.payment.debited","payload":{}})");
        FAIL();
    } catch (const jodo::WireError& e) {
        EXPECT_EQ(e.field(), "event_id");
    }
    EXPECT_THROW(parse_webhook_envelope("not json"), jodo::WireError);
}

TEST(WebhookEnvelope, KnowsEveryDocumentedPayEventAndNothingElse) {
    for (const char* e :
         {"order.payment.debited", "order.payment.settled", "payment_link.payment.debited",
          "payment_link.payment.settled", "payment_link.payment.expired", "page.payment.debited",
          "page.payment.settled", "payment.debited", "payment.settled"})
        EXPECT_TRUE(jodo::is_pay_event(e)) << e;
    EXPECT_FALSE(jodo::is_pay_event("subscription.created"));
    EXPECT_FALSE(jodo::is_pay_event(""));
}
