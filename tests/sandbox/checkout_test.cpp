// The hosted checkout page the payer's browser sees.
#include <string>

#include <Poco/URI.h>

#include "SandboxTestSupport.hpp"

namespace jodo::sandbox::test {
namespace {

const std::string kRupee = "\xE2\x82\xB9";

class CheckoutTest : public SandboxTest {
  protected:
    static bool contains(const std::string& haystack, const std::string& needle) {
        return haystack.find(needle) != std::string::npos;
    }
};

TEST_F(CheckoutTest, RedirectUrlShowsPayerLinesAndTotalWithoutCredentials) {
    const auto created = api("POST", kOrders,
                             order_body(R"([{"component_type":"COURSE_FEE","amount":"1000.50"},
                                            {"component_type":"BUS_FEE","amount":250}])",
                                        R"("callback_url":"https://erp.example.com/done")"));
    ASSERT_EQ(created.status, 200) << created.body;
    const Poco::URI redirect(
        created.json()->getObject("data")->getValue<std::string>("redirect_url"));
    ASSERT_EQ(redirect.getPort(), sandbox.port());

    const auto page = call("GET", redirect.getPathAndQuery());  // no Authorization
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_TRUE(contains(page.body, "Asha Rao")) << page.body;
    EXPECT_TRUE(contains(page.body, "COURSE_FEE"));
    EXPECT_TRUE(contains(page.body, kRupee + "1000.50"));
    EXPECT_TRUE(contains(page.body, kRupee + "250.00"));
    EXPECT_TRUE(contains(page.body, "<th class=\"total\">" + kRupee + "1250.50</th>")) << page.body;
    EXPECT_TRUE(contains(page.body, "Pay " + kRupee + "1250.50"));
    EXPECT_TRUE(contains(page.body, "action=\"" + redirect.getPath() + "/pay\""));
    EXPECT_TRUE(contains(page.body, ">unpaid<"));
    EXPECT_EQ(sandbox.api_request_count(), 1u) << "checkout requests are not API requests";
}

TEST_F(CheckoutTest, PostingTheFormPaysOnce) {
    const auto id = create_order(order_body(R"([{"component_type":"FEE","amount":42}])",
                                            R"("callback_url":"https://erp.example.com/done")"));
    const auto paid = call("POST", "/p/" + id + "/pay");
    ASSERT_EQ(paid.status, 200) << paid.body;
    auto stored = sandbox.find(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, "paid");
    ASSERT_FALSE(stored->transaction_id.empty());
    EXPECT_TRUE(contains(paid.body, "Payment successful, transaction " + stored->transaction_id))
        << paid.body;
    EXPECT_TRUE(contains(paid.body, "href=\"https://erp.example.com/done\""));

    const auto again = call("POST", "/p/" + id + "/pay");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(sandbox.find(id)->transaction_id, stored->transaction_id);

    const auto page = call("GET", "/p/" + id);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, ">paid<"));
    EXPECT_FALSE(contains(page.body, "<form")) << "a paid order offers no Pay button";
}

TEST_F(CheckoutTest, CallerTextIsEscaped) {
    const auto id = create_order(R"({"name":"<b>Bob & Co</b>","phone":"9876543210",
        "email":"b@c.in","details":[{"component_type":"<script>x</script>","amount":1}]})");
    const auto page = call("GET", "/p/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "&lt;b&gt;Bob &amp; Co&lt;/b&gt;")) << page.body;
    EXPECT_FALSE(contains(page.body, "<b>Bob"));
    EXPECT_FALSE(contains(page.body, "<script>"));
}

TEST_F(CheckoutTest, UnknownOrderIs404) {
    EXPECT_EQ(call("GET", "/p/order_0123456789abcdef").status, 404);
    EXPECT_EQ(call("POST", "/p/order_0123456789abcdef/pay").status, 404);
}

}  // namespace
}  // namespace jodo::sandbox::test
