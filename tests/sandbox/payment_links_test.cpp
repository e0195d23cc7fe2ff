// Create, Get and Cancel Payment Link over real HTTP, with expiry driven by the
// sandbox clock.
#include <regex>
#include <stdexcept>
#include <string>

#include "SandboxTestSupport.hpp"

namespace jodo::sandbox::test {
namespace {

constexpr std::int64_t kJan2026 = 1767225600;  // 2026-01-01T00:00:00Z
const char* const kOneLine = R"([{"component_type":"Payable Amount","amount":1.0}])";

class PaymentLinksTest : public SandboxTest {
  protected:
    void SetUp() override {
        SandboxTest::SetUp();
        sandbox.set_clock([this] { return now; });
    }
    std::string link_path(const std::string& id) const { return std::string(kLinks) + "/" + id; }

    std::int64_t now = kJan2026;
};

TEST_F(PaymentLinksTest, CreateReturns201WithStatusAndData) {
    const auto result = api("POST", kLinks, order_body());
    ASSERT_EQ(result.status, 201) << result.body;
    auto json = result.json();
    EXPECT_EQ(json->getValue<std::string>("status"), "success");
    auto data = json->getObject("data");
    ASSERT_FALSE(data.isNull());
    const auto order_id = data->getValue<std::string>("order_id");
    EXPECT_TRUE(std::regex_match(order_id, std::regex("order_[0-9a-f]{16}"))) << order_id;
    EXPECT_EQ(data->getValue<std::string>("redirect_url"), sandbox.base_url() + "/p/" + order_id);
    auto stored = sandbox.find(order_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->kind, "payment_link");
    EXPECT_EQ(stored->total(), 100000);
    EXPECT_EQ(sandbox.create_count(), 1u);
}

TEST_F(PaymentLinksTest, GetShowsExpiresAtNormalisedToUtc) {
    const auto id =
        create_link(order_body(kOneLine, R"("expires_at":"2026-12-01T10:00:00+05:30")"));
    auto data = get_link_data(id);
    EXPECT_EQ(data->getValue<std::string>("id"), id);
    EXPECT_EQ(data->getValue<std::string>("expires_at"), "2026-12-01T04:30:00Z");
    EXPECT_EQ(data->getValue<std::string>("status"), "unpaid");
    EXPECT_EQ(sandbox.find(id)->expires_at, "2026-12-01T04:30:00Z");
}

TEST_F(PaymentLinksTest, LinkWithoutExpiryHasNullExpiresAt) {
    const auto id = create_link(order_body());
    auto data = get_link_data(id);
    EXPECT_TRUE(data->has("expires_at"));
    EXPECT_TRUE(data->isNull("expires_at"));
    now += 10 * 365 * 86400;
    EXPECT_EQ(get_link_data(id)->getValue<std::string>("status"), "unpaid");
}

TEST_F(PaymentLinksTest, UnpaidLinkIsExpiredOnceTheClockPassesExpiresAt) {
    const auto id = create_link(order_body(kOneLine, R"("expires_at":"2026-01-01T01:00:00Z")"));
    now = kJan2026 + 3599;
    EXPECT_EQ(get_link_data(id)->getValue<std::string>("status"), "unpaid");
    now = kJan2026 + 3600;
    EXPECT_EQ(get_link_data(id)->getValue<std::string>("status"), "expired");
    EXPECT_EQ(sandbox.find(id)->status, "expired");

    const auto pay = call("POST", "/_sandbox/orders/" + id + "/pay");
    EXPECT_EQ(pay.status, 409) << pay.body;
    EXPECT_EQ(pay.json()->getValue<std::string>("code"), "HUE00409");
    EXPECT_THROW(sandbox.pay(id), std::runtime_error);
    EXPECT_EQ(call("POST", "/p/" + id + "/pay").status, 409);
}

TEST_F(PaymentLinksTest, ExpiryIsAlsoJudgedWhenPaying) {
    const auto id = create_link(order_body(kOneLine, R"("expires_at":"2026-01-01T00:00:10Z")"));
    now += 10;
    EXPECT_THROW(sandbox.pay(id), std::runtime_error);  // no read in between
    EXPECT_EQ(sandbox.find(id)->status, "expired");
}

TEST_F(PaymentLinksTest, ExpiresAtMustBeInTheFuture) {
    const auto past =
        api("POST", kLinks, order_body(kOneLine, R"("expires_at":"2025-12-31T23:59:59Z")"));
    EXPECT_EQ(past.status, 400);
    EXPECT_EQ(past.json()->getValue<std::string>("message"), "expires_at must be in the future");

    const auto malformed = api("POST", kLinks, order_body(kOneLine, R"("expires_at":"next week")"));
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(
        malformed.json()->getValue<std::string>("message").rfind("expires_at \"next week\"", 0), 0u)
        << malformed.body;

    const auto no_zone =
        api("POST", kLinks, order_body(kOneLine, R"("expires_at":"2026-12-01T10:00:00")"));
    EXPECT_EQ(no_zone.status, 400);
    EXPECT_EQ(sandbox.create_count(), 0u);
}

TEST_F(PaymentLinksTest, ExpireControlExpiresAnUnpaidLink) {
    const auto id = create_link(order_body());
    const auto result = call("POST", "/_sandbox/orders/" + id + "/expire");
    EXPECT_EQ(result.status, 200) << result.body;
    auto data = get_link_data(id);
    EXPECT_EQ(data->getValue<std::string>("status"), "expired");
    EXPECT_EQ(data->getValue<std::string>("expires_at"), "2026-01-01T00:00:00Z");

    const auto plain = create_order(order_body());
    EXPECT_EQ(call("POST", "/_sandbox/orders/" + plain + "/expire").status, 409);
    EXPECT_THROW(sandbox.expire_now(plain), std::runtime_error);
}

TEST_F(PaymentLinksTest, CancelUnpaidLinkThenAgainIsIdempotent) {
    const auto id = create_link(order_body());
    const auto first = api("DELETE", link_path(id));
    ASSERT_EQ(first.status, 200) << first.body;
    auto json = first.json();
    EXPECT_EQ(json->getValue<std::string>("status"), "success");
    EXPECT_EQ(json->getValue<std::string>("message"), "Payment link cancelled successfully!");
    EXPECT_EQ(get_link_data(id)->getValue<std::string>("status"), "cancelled");

    EXPECT_EQ(api("DELETE", link_path(id)).status, 200);
    EXPECT_EQ(sandbox.find(id)->status, "cancelled");
    EXPECT_EQ(call("POST", "/_sandbox/orders/" + id + "/pay").status, 409);
}

TEST_F(PaymentLinksTest, CancelPaidLinkIsTheDocumented400) {
    const auto id = create_link(order_body());
    const auto transaction = sandbox.pay(id);
    const auto result = api("DELETE", link_path(id));
    EXPECT_EQ(result.status, 400);
    auto json = result.json();
    EXPECT_EQ(json->getValue<std::string>("status"), "error");
    EXPECT_EQ(json->getValue<std::string>("code"), "HUE00000");
    EXPECT_EQ(json->getValue<std::string>("message"), "payment link is already paid");
    auto data = get_link_data(id);
    EXPECT_EQ(data->getValue<std::string>("status"), "paid");
    EXPECT_EQ(data->getValue<std::string>("transaction_id"), transaction);
}

TEST_F(PaymentLinksTest, CancelExpiredLinkIsTheDocumented400) {
    const auto id = create_link(order_body(kOneLine, R"("expires_at":"2026-01-01T00:01:00Z")"));
    now += 60;
    const auto result = api("DELETE", link_path(id));
    EXPECT_EQ(result.status, 400);
    EXPECT_EQ(result.json()->getValue<std::string>("code"), "HUE00000");
    EXPECT_EQ(sandbox.find(id)->status, "expired");
}

TEST_F(PaymentLinksTest, CancelUnknownOrPlainOrderIs404) {
    EXPECT_EQ(api("DELETE", link_path("order_ffffffffffffffff")).status, 404);
    const auto plain = create_order(order_body());
    const auto result = api("DELETE", link_path(plain));
    EXPECT_EQ(result.status, 404);
    EXPECT_EQ(result.json()->getValue<std::string>("code"), "HUE00001");
    EXPECT_EQ(sandbox.find(plain)->status, "unpaid");
}

TEST_F(PaymentLinksTest, GetPayOrderAlsoAnswersForLinkIds) {
    const auto id = create_link(order_body());
    auto data = get_order_data(id);
    EXPECT_EQ(data->getValue<std::string>("id"), id);
    EXPECT_EQ(data->getValue<std::string>("status"), "unpaid");
    EXPECT_FALSE(data->has("expires_at"));

    const auto plain = create_order(order_body());
    EXPECT_EQ(api("GET", link_path(plain)).status, 404);
}

}  // namespace
}  // namespace jodo::sandbox::test
