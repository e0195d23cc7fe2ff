#include "jodo/webhooks/WebhookVerifier.hpp"

#include <gtest/gtest.h>

using jodo::verify_webhook;
using jodo::WebhookSecurity;

namespace {
erp_plugin::HttpRequest request(const std::string& body, erp_plugin::Fields headers,
                                std::string from = "127.0.0.1") {
    return {"POST", "/webhooks/jodo", std::move(from), std::move(headers), body};
}
}  // namespace

TEST(WebhookVerifier, HmacMatchesAKnownVector) {
    // RFC 4231 test case 2.
    EXPECT_EQ(jodo::hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookVerifier, AcceptsACorrectSignatureInAnyHeaderCaseAndHexCase) {
    WebhookSecurity s{"shh", "", "", {}};
    const std::string body = R"({"event_id":"e1"})";
    std::string sig = jodo::hmac_sha256_hex("shh", body);
    EXPECT_EQ(verify_webhook(s, request(body, {{"x-jodo-signature", sig}})).http_status, 0);
    for (auto& c : sig)
        c = static_cast<char>(std::toupper(c));
    EXPECT_EQ(verify_webhook(s, request(body, {{"X-Jodo-Signature", sig}})).http_status, 0);
}

TEST(WebhookVerifier, RejectsTamperedBodyMissingOrWrongSignature) {
    WebhookSecurity s{"shh", "", "", {}};
    const std::string body = R"({"event_id":"e1","amount":100})";
    const std::string sig = jodo::hmac_sha256_hex("shh", body);
    EXPECT_EQ(
        verify_webhook(s, request(R"({"event_id":"e1","amount":999})", {{"X-Jodo-Signature", sig}}))
            .http_status,
        401);
    EXPECT_EQ(verify_webhook(s, request(body, {})).http_status, 401);
    EXPECT_EQ(verify_webhook(
                  s, request(body, {{"X-Jodo-Signature", jodo::hmac_sha256_hex("other", body)}}))
                  .http_status,
              401);
}

TEST(WebhookVerifier, CustomHeaderMustMatch) {
    WebhookSecurity s{"", "X-Erp-Token", "t0k3n", {}};
    EXPECT_EQ(verify_webhook(s, request("{}", {{"x-erp-token", "t0k3n"}})).http_status, 0);
    EXPECT_EQ(verify_webhook(s, request("{}", {{"X-Erp-Token", "wrong"}})).http_status, 401);
    EXPECT_EQ(verify_webhook(s, request("{}", {})).http_status, 401);
}

TEST(WebhookVerifier, SourceAddressMustBeAllowed) {
    WebhookSecurity s{"", "", "", {"127.0.0.1", "3.6.234.242"}};
    EXPECT_EQ(verify_webhook(s, request("{}", {}, "127.0.0.1")).http_status, 0);
    EXPECT_EQ(verify_webhook(s, request("{}", {}, "::ffff:127.0.0.1")).http_status, 0);
    auto refused = verify_webhook(s, request("{}", {}, "127.0.0.2"));
    EXPECT_EQ(refused.http_status, 403);
    EXPECT_NE(refused.reason.find("127.0.0.2"), std::string::npos);
}

TEST(WebhookVerifier, AllConfiguredChecksMustPass) {
    WebhookSecurity s{"shh", "X-Erp-Token", "t", {"127.0.0.1"}};
    const std::string body = "{}";
    const std::string sig = jodo::hmac_sha256_hex("shh", body);
    EXPECT_EQ(verify_webhook(s, request(body, {{"X-Jodo-Signature", sig}, {"X-Erp-Token", "t"}}))
                  .http_status,
              0);
    EXPECT_EQ(verify_webhook(s, request(body, {{"X-Jodo-Signature", sig}})).http_status, 401);
    EXPECT_EQ(verify_webhook(s, request(body, {{"X-Erp-Token", "t"}})).http_status, 401);
    EXPECT_EQ(verify_webhook(
                  s, request(body, {{"X-Jodo-Signature", sig}, {"X-Erp-Token", "t"}}, "10.0.0.1"))
                  .http_status,
              403);
}

TEST(WebhookVerifier, ConstantTimeEqualsIsEquality) {
    EXPECT_TRUE(jodo::constant_time_equals("abc", "abc"));
    EXPECT_FALSE(jodo::constant_time_equals("abc", "abd"));
    EXPECT_FALSE(jodo::constant_time_equals("abc", "abcd"));
    EXPECT_FALSE(jodo::constant_time_equals("", "a"));
}
