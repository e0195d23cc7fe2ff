// Signed webhook deliveries as raw HTTP requests, for the endpoint's load and
// group-commit tests: each names an order the sandbox does not know, so it is
// stored (and answered) without changing any collection.
#pragma once

#include <string>

#include "RawHttp.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"
#include "support/LifecycleHarness.hpp"

namespace signed_deliveries {

inline const char* const kPath = "/webhooks/jodo";

// Harness options under which the module verifies with `secret`.
inline acceptance::HarnessOptions with_secret(const std::string& secret) {
    acceptance::HarnessOptions options;
    options.settings = {{"jodo.webhook.secret", secret}};
    return options;
}

// A whole POST of one order.payment.debited event `event_id`, signed with
// `secret`, about the foreign order `order_tag`.
inline std::string request(acceptance::LifecycleHarness& h, const std::string& secret,
                           const std::string& order_tag, const std::string& event_id) {
    const std::string body = R"({"event_id":")" + event_id +
                             R"(","event":"order.payment.debited","payload":{"order_id":")" +
                             h.foreign_order_id(order_tag) + R"("}})";
    return raw_http::post(kPath, body, {{"X-Jodo-Signature", jodo::hmac_sha256_hex(secret, body)}});
}

}  // namespace signed_deliveries
