// Issue 9 items 5 and 11, through the host's HTTP endpoint into the module and
// the real database: a signed body is stored byte for byte as it was verified
// or refused with a 4xx naming the field; a permanent problem is never a 503
// (Jodo would retry it for hours) and an empty event id is never stored.
#include <gtest/gtest.h>

#include <Poco/Data/Session.h>

#include "jodo/webhooks/WebhookVerifier.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using namespace Poco::Data::Keywords;

namespace {

const char* kSecret = "whsec_hostile";

HarnessOptions signed_webhooks() {
    HarnessOptions options;
    options.settings = {{"jodo.webhook.secret", kSecret}};
    return options;
}

std::string body_with(const std::string& event_id, const std::string& order_id,
                      const std::string& name = "Asha Rao") {
    return R"({"event_id":")" + event_id +
           R"(","event":"order.payment.debited","payload":{"order_id":")" + order_id +
           R"(","order":{"name":")" + name + R"("}}})";
}

int post_signed(LifecycleHarness& h, const std::string& body, std::string* answer) {
    return h.post_webhook(body, {{"X-Jodo-Signature", jodo::hmac_sha256_hex(kSecret, body)}},
                          answer);
}

// The stored body of `event_id`, as the worker reads it; nullopt when absent.
std::optional<std::string> stored_body(LifecycleHarness& h, const std::string& event_id) {
    auto& session = h.erp().session();
    session.setProperty("maxFieldSize", Poco::Any(std::size_t(1) << 20));
    std::vector<std::string> bodies;
    std::string id = event_id;
    session << "SELECT body FROM jodo_webhook_inbox WHERE event_id = ?", use(id), into(bodies), now;
    if (bodies.empty())
        return std::nullopt;
    return bodies.front();
}

int inbox_rows(LifecycleHarness& h) {
    int count = 0;
    h.erp().session() << "SELECT COUNT(*) FROM jodo_webhook_inbox", into(count), now;
    return count;
}

std::string repeat(char c, std::size_t n) {
    return std::string(n, c);
}

}  // namespace

class HostileWebhookBodies : public testing::TestWithParam<std::string> {};

TEST_P(HostileWebhookBodies, EventIdTooLongIsAPermanent400NotA503) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string order = h.foreign_order_id("order_long");
    std::string answer;
    EXPECT_EQ(post_signed(h, body_with(repeat('e', 300), order), &answer), 400) << answer;
    EXPECT_NE(answer.find("event_id"), std::string::npos) << answer;
    EXPECT_NE(answer.find("100 characters"), std::string::npos) << answer;
    EXPECT_EQ(post_signed(h, body_with("e-ok", repeat('o', 65)), &answer), 400) << answer;
    EXPECT_NE(answer.find("payload.order_id"), std::string::npos) << answer;
    EXPECT_EQ(inbox_rows(h), 0);
    // 100 characters fit: stored, answered 200.
    EXPECT_EQ(post_signed(h, body_with(repeat('e', 100), order), &answer), 200) << answer;
    EXPECT_EQ(inbox_rows(h), 1);
}

TEST_P(HostileWebhookBodies, EmptyEventIdIsRefusedAndNeverBlocksALaterOne) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string order = h.foreign_order_id("order_empty");
    std::string answer;
    EXPECT_EQ(post_signed(h, body_with("", order), &answer), 400) << answer;
    EXPECT_NE(answer.find("event_id"), std::string::npos) << answer;
    EXPECT_EQ(post_signed(h, body_with("", order, "Another Payer"), &answer), 400) << answer;
    EXPECT_EQ(answer.find("duplicate"), std::string::npos) << answer;
    EXPECT_EQ(inbox_rows(h), 0);
}

TEST_P(HostileWebhookBodies, NonUtf8BodyIsRefusedNotStoredAltered) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string order = h.foreign_order_id("order_latin1");
    std::string answer;
    // "Rão" in Latin-1: one byte that is not UTF-8.
    EXPECT_EQ(post_signed(h, body_with("e-latin1", order, "Asha R\xe3o"), &answer), 400) << answer;
    EXPECT_NE(answer.find("UTF-8"), std::string::npos) << answer;
    EXPECT_FALSE(stored_body(h, "e-latin1"));
}

TEST_P(HostileWebhookBodies, DataAfterTheObjectIsRefused) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string order = h.foreign_order_id("order_tail");
    std::string answer;
    // Poco's parser reads 0xFF as the end of the text: everything after it
    // was accepted, signed, and lost when stored.
    EXPECT_EQ(post_signed(h, body_with("e-ff", order) + "\xff\xfe hidden", &answer), 400) << answer;
    EXPECT_EQ(post_signed(h, body_with("e-two", order) + "{\"event_id\":\"x\"}", &answer), 400)
        << answer;
    EXPECT_EQ(inbox_rows(h), 0);
}

TEST_P(HostileWebhookBodies, StoredBodyIsExactlyTheVerifiedBytes) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::string order = h.foreign_order_id("order_exact");
    // Two-, three- and four-byte characters, escapes, CR LF and trailing whitespace.
    const std::string body =
        body_with("e-exact", order,
                  "Asha R\xc4\x81o \xe2\x82\xb9 \xf0\x9f\x8e\x93 \\u00e9 \\\"q\\\"") +
        "\r\n \t";
    std::string answer;
    ASSERT_EQ(post_signed(h, body, &answer), 200) << answer;
    const auto stored = stored_body(h, "e-exact");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->size(), body.size());
    EXPECT_EQ(*stored, body);
}

INSTANTIATE_TEST_SUITE_P(Databases, HostileWebhookBodies,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
