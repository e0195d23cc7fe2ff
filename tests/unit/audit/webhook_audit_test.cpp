// The audit row of a webhook delivery: ids from a verified body, nothing from
// an unverified one, never the body or its headers.
#include <gtest/gtest.h>

#include "jodo/audit/WebhookAudit.hpp"

namespace {
erp_plugin::HttpRequest delivery(std::string body) {
    erp_plugin::HttpRequest r;
    r.method = "POST";
    r.path = "/webhooks/jodo";
    r.source_address = "127.0.0.1";
    r.headers = {{"X-Jodo-Signature", "sig_never_kept"}};
    r.body = std::move(body);
    return r;
}
const char* kEvent = R"({"event_id":"evt_1","event":"order.payment.debited",)"
                     R"("payload":{"order_id":"order_1","phone":"9876543210"}})";
}  // namespace

TEST(WebhookAudit, AVerifiedDeliveryKeepsItsIdsOnly) {
    const auto r = jodo::webhook_audit_record(delivery(kEvent), 200, 7);
    EXPECT_EQ(r.direction, "in");
    EXPECT_EQ(r.endpoint, "POST /webhooks/jodo");
    EXPECT_EQ(r.event_id, "evt_1");
    EXPECT_EQ(r.event, "order.payment.debited");
    EXPECT_EQ(r.order_id, "order_1");
    EXPECT_EQ(r.http_status, 200);
    EXPECT_EQ(r.latency_ms, 7);
    EXPECT_EQ(r.attempt, 1);
    EXPECT_EQ(r.error_code, "");
}

TEST(WebhookAudit, AnUnverifiedDeliveryIsNotRead) {
    for (int status : {401, 403}) {
        const auto r = jodo::webhook_audit_record(delivery(kEvent), status, 1);
        EXPECT_EQ(r.http_status, status);
        EXPECT_EQ(r.event_id, "") << status;
        EXPECT_EQ(r.event, "") << status;
        EXPECT_EQ(r.order_id, "") << status;
    }
}

TEST(WebhookAudit, AMalformedBodyKeepsOnlyTheAnswer) {
    const auto r = jodo::webhook_audit_record(delivery("{not json"), 400, 1);
    EXPECT_EQ(r.http_status, 400);
    EXPECT_EQ(r.event_id, "");
    EXPECT_EQ(r.order_id, "");
}
