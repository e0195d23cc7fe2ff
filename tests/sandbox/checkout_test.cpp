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
    ASSERT_EQ(paid.status, 303) << paid.body;
    auto stored = sandbox.find(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, "paid");
    ASSERT_FALSE(stored->transaction_id.empty());
    EXPECT_EQ(paid.location, "https://erp.example.com/done?order_id=" + id + "&status=paid");

    const auto again = call("POST", "/p/" + id + "/pay");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(sandbox.find(id)->transaction_id, stored->transaction_id);

    const auto page = call("GET", "/p/" + id);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, ">paid<"));
    EXPECT_FALSE(contains(page.body, "<form")) << "a paid order offers no Pay button";
}

TEST_F(CheckoutTest, ShowsSchoolInvoiceAndStudent) {
    const auto id = create_order(order_body(
        R"([{"component_type":"FEE","amount":42}])",
        R"("student_name":"Rohan <S>","notes":[{"key":"erp_invoice_id","value":"INV-7"}])"));
    const auto page = call("GET", "/p/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<h1 class=\"merchant\">Sandbox Public School</h1>"))
        << page.body;
    EXPECT_TRUE(contains(page.body, "<span class=\"invoice\">INV-7</span>"));
    EXPECT_TRUE(contains(page.body, "<span class=\"student\">Rohan &lt;S&gt;</span>"));
    EXPECT_TRUE(contains(page.body, "action=\"/p/" + id + "/fail\""));
    EXPECT_TRUE(contains(page.body, "action=\"/p/" + id + "/abandon\""));
}

TEST_F(CheckoutTest, FailAndAbandonReturnToTheMerchantUnpaid) {
    const auto id = create_order(order_body(R"([{"component_type":"FEE","amount":42}])",
                                            R"("callback_url":"https://erp.example.com/r?x=1")"));
    const auto failed = call("POST", "/p/" + id + "/fail");
    ASSERT_EQ(failed.status, 303) << failed.body;
    EXPECT_EQ(failed.location, "https://erp.example.com/r?x=1&order_id=" + id + "&status=failed");
    const auto abandoned = call("POST", "/p/" + id + "/abandon");
    ASSERT_EQ(abandoned.status, 303);
    EXPECT_EQ(abandoned.location,
              "https://erp.example.com/r?x=1&order_id=" + id + "&status=abandoned");
    EXPECT_EQ(sandbox.find(id)->status, "unpaid");
    EXPECT_EQ(call("GET", "/p/" + id + "/fail").status, 405);
}

TEST_F(CheckoutTest, WithoutCallbackPayingShowsAPage) {
    const auto id = create_order(order_body(R"([{"component_type":"FEE","amount":42}])", ""));
    const auto paid = call("POST", "/p/" + id + "/pay");
    ASSERT_EQ(paid.status, 200) << paid.body;
    EXPECT_TRUE(
        contains(paid.body, "Payment successful, transaction " + sandbox.find(id)->transaction_id));
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
