// The invoice screen without a browser: its routes, HTML escaping of hostile
// ERP data, the POST protection, bulk progress, the payment return and the
// review queue, against the built module, a real database and the sandbox.
// (tests/browser runs the same screen in Chromium.)
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "RawHttp.hpp"
#include "host_sim/http/CheckoutPayer.hpp"
#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/InvoiceScreen.hpp"
#include "host_sim/screen/JsonRows.hpp"
#include "host_sim/screen/ScreenRequestHandler.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;
using host_sim::screen::InvoiceScreen;
using host_sim::screen::RequestGuard;
using host_sim::screen::ScreenRequest;
using host_sim::screen::ScreenResponse;

namespace {

const std::string kToken = "test-token-0123456789";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string header(const ScreenResponse& r, const std::string& name) {
    for (const auto& [key, value] : r.headers)
        if (key == name)
            return value;
    return {};
}

ScreenRequest get(const std::string& path, const std::string& query = "") {
    ScreenRequest r;
    r.method = "GET";
    r.path = path;
    r.query = query;
    r.host = "127.0.0.1:8080";
    return r;
}

ScreenRequest post(const std::string& path, const std::string& body) {
    ScreenRequest r = get(path);
    r.method = "POST";
    r.body = body;
    r.origin = "http://127.0.0.1:8080";
    r.sec_fetch_site = "same-origin";
    return r;
}

class Screen : public testing::TestWithParam<std::string> {
  protected:
    std::unique_ptr<InvoiceScreen> open(LifecycleHarness& h) {
        return std::make_unique<InvoiceScreen>(h.host().plugins().front().plugin, h.services(),
                                               db_->connection_string(), RequestGuard(kToken));
    }
    void SetUp() override { db_ = std::make_unique<ErpDatabase>(GetParam()); }
    std::unique_ptr<ErpDatabase> db_;
};

}  // namespace

TEST(ScreenHtml, EscapesAndRefusesLinksThatAreNotHttp) {
    using namespace host_sim::screen;
    EXPECT_EQ(html_escape("<a href=\"x\">&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(url_component("A&B=C D/é"), "A%26B%3DC%20D%2F%C3%A9");
    EXPECT_EQ(safe_http_url("javascript:alert(1)"), "");
    EXPECT_EQ(safe_http_url("/relative"), "");
    EXPECT_EQ(safe_http_url("https://pay.jodo.in/p/x"), "https://pay.jodo.in/p/x");
    EXPECT_TRUE(json_rows("not json").empty());
    EXPECT_TRUE(json_rows(R"({"an":"object"})").empty());
    const auto rows = json_rows(R"([{"a":"x","n":3,"z":null}])");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].at("n"), "3");
    EXPECT_EQ(rows[0].at("z"), "");
}

TEST_P(Screen, HostileErpDataIsEscapedOnEveryPage) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    ASSERT_EQ(h.plugin_start_error(), "");
    auto invoice = LifecycleHarness::sample("X<i>&\"'");
    invoice.payer_name = "<script>alert(1)</script>";
    invoice.student_name = "\"><img src=x onerror=alert(2)>";
    invoice.lines = {{"<b>FEE</b>", "100.00"}};
    const std::string id = h.add_invoice(invoice);
    auto screen = open(h);

    const auto list = screen->handle(get("/erp/invoices"));
    ASSERT_EQ(list.status, 200) << list.body;
    const auto page =
        screen->handle(get("/erp/invoice", "id=" + host_sim::screen::url_component(id)));
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto* body : {&list.body, &page.body}) {
        EXPECT_FALSE(contains(*body, "<script>alert")) << *body;
        EXPECT_FALSE(contains(*body, "<img src=x"));
        EXPECT_FALSE(contains(*body, "<i>&"));
        EXPECT_TRUE(contains(*body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
        EXPECT_TRUE(contains(*body, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    }
    EXPECT_TRUE(contains(
        list.body, "href=\"/erp/invoice?id=" +
                       host_sim::screen::html_escape(host_sim::screen::url_component(id)) + "\""))
        << list.body;
    EXPECT_TRUE(contains(page.body, "&lt;b&gt;FEE&lt;/b&gt;"));
    EXPECT_TRUE(contains(page.body, "value=\"" + host_sim::screen::html_escape(id) + "\""));
    EXPECT_TRUE(contains(header(page, "Content-Security-Policy"), "default-src 'none'"));
    EXPECT_EQ(header(page, "X-Frame-Options"), "DENY");
}

TEST_P(Screen, RoutesAndMethods) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    auto screen = open(h);
    const auto root = screen->handle(get("/"));
    EXPECT_EQ(root.status, 303);
    EXPECT_EQ(header(root, "Location"), "/erp/invoices");
    EXPECT_EQ(screen->handle(get("/erp/nothing")).status, 404);
    EXPECT_EQ(screen->handle(get("/erp/invoice", "id=NO-SUCH")).status, 404);
    const auto wrong_method = screen->handle(get("/erp/invoice/action"));
    EXPECT_EQ(wrong_method.status, 405);
    EXPECT_EQ(header(wrong_method, "Allow"), "POST");
    EXPECT_EQ(screen->handle(get("/erp/bulk/progress", "job=screen-1-1")).status, 404);
    EXPECT_EQ(screen->handle(get("/erp/payment-return", "order_id=order_unknown")).status, 404);
    // DNS rebinding: a page on another name that resolves here.
    auto rebound = get("/erp/invoices");
    rebound.host = "attacker.example:8080";
    EXPECT_EQ(screen->handle(rebound).status, 421);
    EXPECT_TRUE(InvoiceScreen::serves("/erp/invoices"));
    EXPECT_FALSE(InvoiceScreen::serves("/webhooks/jodo"));
}

TEST_P(Screen, PostsWithoutTheTokenOrFromAnotherSiteChangeNothing) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-CSRF"));
    auto screen = open(h);
    const std::string form = "id=" + host_sim::screen::url_component(id) + "&action=collect";

    EXPECT_EQ(screen->handle(post("/erp/invoice/action", form)).status, 403);
    EXPECT_EQ(screen->handle(post("/erp/invoice/action", form + "&token=wrong")).status, 403);
    auto cross = post("/erp/invoice/action", form + "&token=" + kToken);
    cross.origin = "https://evil.example";
    EXPECT_EQ(screen->handle(cross).status, 403);
    auto cross_fetch = post("/erp/invoice/action", form + "&token=" + kToken);
    cross_fetch.origin.clear();
    cross_fetch.sec_fetch_site = "cross-site";
    EXPECT_EQ(screen->handle(cross_fetch).status, 403);
    EXPECT_EQ(screen->handle(post("/erp/bulk", "token=nope")).status, 403);
    EXPECT_EQ(h.sandbox().create_count(), 0u) << "a refused POST must not reach Jodo";
    EXPECT_EQ(screen
                  ->handle(post("/erp/invoice/action", "id=" + host_sim::screen::url_component(id) +
                                                           "&action=stats&token=" + kToken))
                  .status,
              400)
        << "only the invoice buttons are run";

    const auto collected = screen->handle(post("/erp/invoice/action", form + "&token=" + kToken));
    ASSERT_EQ(collected.status, 303) << collected.body;
    EXPECT_EQ(header(collected, "Location").rfind(h.sandbox().base_url() + "/p/", 0), 0u)
        << "Collect sends the browser to the checkout: " << header(collected, "Location");
    EXPECT_EQ(h.sandbox().create_count(), 1u);

    // A second click: the same order; the invoice page shows the message.
    const auto again =
        screen->handle(post("/erp/invoice/action", "id=" + host_sim::screen::url_component(id) +
                                                       "&action=refresh&token=" + kToken));
    ASSERT_EQ(again.status, 303);
    const std::string location = header(again, "Location");
    const auto shown = screen->handle(get("/erp/invoice", location.substr(location.find('?') + 1)));
    EXPECT_TRUE(contains(shown.body, "id=\"flash\"")) << shown.body;
    EXPECT_TRUE(contains(shown.body, "<td id=\"status\">unpaid</td>")) << shown.body;
}

TEST_P(Screen, PaymentReturnShowsTheInvoiceConfirmedWithJodo) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-RET"));
    auto screen = open(h);
    const auto collected = h.collect(id);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    host_sim::pay_at_checkout(output(collected, "redirect_url"));  // no webhooks here
    const auto back = screen->handle(
        get("/erp/payment-return", "order_id=" + output(collected, "order_id") + "&status=paid"));
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_TRUE(contains(back.body, "<td id=\"status\">paid</td>")) << back.body;
    EXPECT_TRUE(contains(back.body, "id=\"returned\""));
    EXPECT_FALSE(contains(back.body, "id=\"waiting\""));
}

TEST_P(Screen, BulkCollectionReportsProgressAsJson) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    auto a = LifecycleHarness::sample("INV-BULK-A");
    a.grade = "Grade 11-" + GetParam();  // no other test's invoices share it
    auto b = LifecycleHarness::sample("INV-BULK-B");
    b.grade = a.grade;
    h.add_invoice(a);
    h.add_invoice(b);
    auto screen = open(h);
    const std::string filter =
        "grade=" + host_sim::screen::url_component(a.grade) + "&token=" + kToken;
    // Without the confirmation of the previewed count and total: the preview again.
    const auto unconfirmed = screen->handle(post("/erp/bulk", filter));
    EXPECT_EQ(unconfirmed.status, 200);
    EXPECT_TRUE(contains(unconfirmed.body, "id=\"bulk-confirm-button\"")) << unconfirmed.body;
    EXPECT_EQ(h.sandbox().create_count(), 0u);
    const auto started =
        screen->handle(post("/erp/bulk", filter + "&confirm=yes&count=2&paise=9740100"));
    ASSERT_EQ(started.status, 303) << started.body;
    const std::string location = header(started, "Location");
    const std::string query = location.substr(location.find('?') + 1);
    EXPECT_EQ(screen->handle(get("/erp/bulk", query)).status, 200);
    std::string json;
    for (int i = 0; i < 200 && !contains(json, "\"finished\":true"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        json = screen->handle(get("/erp/bulk/progress", query)).body;
    }
    EXPECT_TRUE(contains(json, "\"finished\":true")) << json;
    EXPECT_TRUE(contains(json, "\"ok\":true")) << json;
    EXPECT_TRUE(contains(json, "\"created\":\"2\"")) << json;
}

TEST_P(Screen, ReviewQueueShowsAnAmountMismatch) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-REVIEW"));
    auto screen = open(h);
    const auto collected = h.collect(id);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    h.sandbox().set_line_amount(output(collected, "order_id"), 0, 100000);
    host_sim::pay_at_checkout(output(collected, "redirect_url"));
    ASSERT_TRUE(h.refresh(id).status.ok());
    const auto list = screen->handle(get("/erp/review"));
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "<table id=\"review\">")) << list.body;
    EXPECT_TRUE(contains(list.body, host_sim::screen::html_escape(id))) << list.body;
    const auto status = h.action("status", id);
    ASSERT_TRUE(status.status.ok());
    EXPECT_FALSE(output(status, "review").empty());
    const auto lines = host_sim::screen::json_rows(output(status, "lines"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].at("paid_amount"), "1000.00");
}

TEST_P(Screen, OnTheWebhookPortBesideThePluginsRoute) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    auto screen = open(h);
    host_sim::PluginHttpServer server(h.host().plugins());
    server.serve_others(new host_sim::screen::ScreenRequestHandlers(*screen));
    server.start();
    auto send = [&](const std::string& bytes) {
        raw_http::Connection c(server.port());
        c.send(bytes);
        return c.read_answer(5000);
    };
    const auto list = send(raw_http::head("GET", "/erp/invoices", {}));
    EXPECT_EQ(list.status, 200) << list.text;
    EXPECT_TRUE(contains(list.text, "Content-Security-Policy: default-src 'none'"));
    EXPECT_EQ(send(raw_http::post("/webhooks/jodo", "{}", {})).status, 400)
        << "the plugin's route still reaches the plugin";
    EXPECT_EQ(send(raw_http::head("GET", "/elsewhere", {})).status, 404);
    const std::string big(70 * 1024, 'a');
    EXPECT_EQ(send(raw_http::post("/erp/bulk", big, {})).status, 413);
    EXPECT_EQ(send(raw_http::post("/erp/bulk", "token=x", {}, "100")).status, 400);
    EXPECT_EQ(send(raw_http::head("POST", "/erp/bulk", {{"Transfer-Encoding", "chunked"}}) +
                   raw_http::chunk("token=x") + raw_http::chunk(""))
                  .status,
              411);
    server.stop();
}

INSTANTIATE_TEST_SUITE_P(Databases, Screen, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
