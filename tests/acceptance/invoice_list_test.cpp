// The invoice list as an accountant uses it among many invoices: search,
// filters, sort orders and paging done by the ERP's database, through HTTP on
// 127.0.0.1, on every database; the review queue on its own page; the
// navigation bar; Indian formats on the invoice page.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "RawHttp.hpp"
#include "erp_sql/NativeStatement.hpp"
#include "host_sim/erp/SampleInvoices.hpp"
#include "host_sim/http/CheckoutPayer.hpp"
#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/InvoiceScreen.hpp"
#include "host_sim/screen/ScreenRequestHandler.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;
using host_sim::screen::url_component;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The invoice ids of the list's rows, in order.
std::vector<std::string> rows(const std::string& page) {
    std::vector<std::string> out;
    const std::regex row("<tr data-invoice=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), row);
         it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

std::string one_value(Poco::Data::Session& session, const std::string& sql) {
    const auto r = erp_sql::NativeStatement(session, sql).run({});
    return r.rows.empty() || !r.rows[0][0] ? std::string() : *r.rows[0][0];
}

class InvoiceList : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override { db_ = std::make_unique<ErpDatabase>(GetParam()); }
    // Held here, so that it outlives the server even when a test stops early.
    LifecycleHarness& harness() {
        h_ = std::make_unique<LifecycleHarness>(db_->connection_string(), "test_secret");
        return *h_;
    }
    void serve(LifecycleHarness& h) {
        screen_ = std::make_unique<host_sim::screen::InvoiceScreen>(
            h.host().plugins().front().plugin, h.services(), db_->connection_string());
        server_ = std::make_unique<host_sim::PluginHttpServer>(h.host().plugins());
        server_->serve_others(new host_sim::screen::ScreenRequestHandlers(*screen_));
        server_->start();
    }
    void TearDown() override {
        if (server_)
            server_->stop();
        if (screen_)
            screen_->stop();
    }
    // GET over HTTP on 127.0.0.1; the whole answer (status line, headers, body).
    std::string get(const std::string& path_and_query) {
        raw_http::Connection c(server_->port());
        c.send(raw_http::head("GET", path_and_query, {}));
        const auto answer = c.read_answer(10000);
        EXPECT_EQ(answer.status, 200) << path_and_query << "\n" << answer.text;
        return answer.text;
    }
    std::unique_ptr<ErpDatabase> db_;
    std::unique_ptr<LifecycleHarness> h_;
    std::unique_ptr<host_sim::screen::InvoiceScreen> screen_;
    std::unique_ptr<host_sim::PluginHttpServer> server_;
};

}  // namespace

TEST_P(InvoiceList, SearchFiltersSortsAndPagesInTheDatabase) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness& h = harness();
    ASSERT_EQ(host_sim::add_sample_invoices(h.erp(), 120), 120);
    EXPECT_EQ(host_sim::add_sample_invoices(h.erp(), 120), 0) << "run again, it adds nothing";
    auto odd = LifecycleHarness::sample("INV-ODD");
    odd.student_name = "Zebediah O'Neil 100%";
    odd.grade = "Grade 13 Z";
    const std::string odd_id = h.add_invoice(odd);
    auto& session = h.erp().session();
    const std::string odd_student =
        "SELECT student_name FROM erp_invoices WHERE invoice_id = '" + odd_id + "'";
    EXPECT_EQ(one_value(session, odd_student), odd.student_name) << "the invoice keeps the name";
    // An invoice written by hand without the student's name takes its
    // payer's when the ERP starts, so it sorts and shows where it belongs.
    erp_sql::NativeStatement(session,
                             "UPDATE erp_invoices SET student_name = NULL WHERE "
                             "invoice_id = '" +
                                 odd_id + "'")
        .run({});
    ASSERT_EQ(one_value(session, odd_student), "");
    h.erp().migrate();
    EXPECT_EQ(one_value(session, odd_student), odd.student_name);
    serve(h);

    const std::string first = get("/erp/invoices");
    EXPECT_TRUE(contains(first, "<span id=\"result-count\">121 invoices</span>")) << first;
    EXPECT_TRUE(contains(first, "<span id=\"page-info\">Page 1 of 3</span>"));
    EXPECT_EQ(rows(first).size(), 50u);
    EXPECT_EQ(rows(first).front(), one_value(session, "SELECT MIN(invoice_id) FROM erp_invoices"));
    EXPECT_TRUE(contains(first, "id=\"next-page\" href=\"/erp/invoices?page=2\""));
    EXPECT_FALSE(contains(first, "id=\"prev-page\""));
    EXPECT_TRUE(contains(first, "<nav id=\"nav\">"));
    EXPECT_FALSE(contains(first, "bulk-grade")) << "bulk collection has its own page";
    EXPECT_FALSE(contains(first, "<table id=\"review\">")) << "so has the review queue";
    EXPECT_TRUE(contains(first, "₹")) << "amounts in rupees";

    const std::string last = get("/erp/invoices?page=3");
    EXPECT_EQ(rows(last).size(), 21u);
    EXPECT_TRUE(contains(last, "Page 3 of 3"));
    EXPECT_TRUE(contains(last, "id=\"prev-page\""));
    EXPECT_FALSE(contains(last, "id=\"next-page\""));
    EXPECT_TRUE(contains(get("/erp/invoices?page=999"), "Page 3 of 3")) << "clamped";
    std::vector<std::string> all = rows(first);
    for (const auto& page : {get("/erp/invoices?page=2"), last})
        for (const auto& id : rows(page))
            all.push_back(id);
    EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 121u)
        << "every invoice on exactly one page";

    // A part of a name, in another case; LIKE's own characters match themselves.
    for (const std::string q : {"zebediah", "O%27NEIL", "100%25"}) {
        const std::string found = get("/erp/invoices?q=" + q);
        EXPECT_TRUE(contains(found, "<span id=\"result-count\">1 invoice</span>")) << q << found;
        EXPECT_EQ(rows(found), std::vector<std::string>{odd_id}) << q;
    }
    const std::string by_id = get("/erp/invoices?q=INV-S2025-00001");
    EXPECT_EQ(rows(by_id).size(), 10u) << "000010 to 000019";
    const std::string by_order = get("/erp/invoices?q=order_smp");
    EXPECT_EQ(
        rows(by_order).size(),
        std::min<std::size_t>(50, std::stoul(one_value(session,
                                                       "SELECT COUNT(*) FROM erp_invoices WHERE "
                                                       "jodo_order_id IS NOT NULL"))));

    EXPECT_EQ(rows(get("/erp/invoices?grade=" + url_component("Grade 13 Z"))),
              std::vector<std::string>{odd_id});
    EXPECT_TRUE(contains(get("/erp/invoices?year=2025"), "60 invoices"));
    EXPECT_TRUE(contains(get("/erp/invoices?year=2026"), "61 invoices"));
    const std::string open =
        one_value(session, "SELECT COUNT(*) FROM erp_invoices WHERE jodo_status IS NULL");
    EXPECT_TRUE(contains(get("/erp/invoices?status=none"), ">" + open + " invoices<")) << open;
    const std::string paid =
        one_value(session, "SELECT COUNT(*) FROM erp_invoices WHERE jodo_status = 'paid'");
    ASSERT_NE(paid, "0");
    EXPECT_TRUE(contains(get("/erp/invoices?status=paid&year=2025"),
                         ">" +
                             one_value(session,
                                       "SELECT COUNT(*) FROM erp_invoices WHERE "
                                       "jodo_status = 'paid' AND academic_year_start = "
                                       "2025") +
                             " invoice"));

    const std::string top = get("/erp/invoices?sort=amount&dir=desc");
    EXPECT_EQ(rows(top).front(), one_value(session,
                                           "SELECT invoice_id FROM erp_invoices ORDER BY "
                                           "outstanding_amount DESC, invoice_id DESC LIMIT 1"));
    EXPECT_TRUE(contains(top, "id=\"sort-amount\" href=\"/erp/invoices?sort=amount\""))
        << "a second click sorts the other way";
    const std::string deep = get("/erp/invoices?sort=student&page=3");
    EXPECT_EQ(rows(deep).back(), one_value(session,
                                           "SELECT i.invoice_id FROM erp_invoices i JOIN "
                                           "erp_payers p ON p.payer_id = i.payer_id ORDER BY "
                                           "p.student_name DESC, i.invoice_id DESC LIMIT 1"));
    EXPECT_TRUE(contains(deep, "href=\"/erp/invoices?sort=student&amp;page=2\""))
        << "paging keeps the sort order";

    const std::string none = get("/erp/invoices?q=" + url_component("<b>nobody</b>"));
    EXPECT_TRUE(contains(none, "0 invoices"));
    EXPECT_TRUE(contains(none, "id=\"no-match\""));
    EXPECT_TRUE(contains(none, "&lt;b&gt;nobody&lt;/b&gt;"));
    EXPECT_FALSE(contains(none, "<b>nobody"));
}

TEST_P(InvoiceList, NeedsAPersonMatchesTheReviewQueue) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness& h = harness();
    const std::string fine = h.add_invoice(LifecycleHarness::sample("INV-FINE"));
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-MISMATCH"));
    serve(h);
    EXPECT_TRUE(contains(get("/erp/review"), "id=\"review-empty\""));
    EXPECT_TRUE(contains(get("/erp/invoices?needs=1"), "id=\"no-match\""));

    ASSERT_TRUE(h.collect(fine).status.ok());
    const auto collected = h.collect(id);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    h.sandbox().set_line_amount(output(collected, "order_id"), 0, 100000);
    host_sim::pay_at_checkout(output(collected, "redirect_url"));
    ASSERT_TRUE(h.refresh(id).status.ok());

    const std::string review = get("/erp/review");
    EXPECT_TRUE(contains(review, "<table id=\"review\">")) << review;
    EXPECT_TRUE(contains(review, "data-invoice=\"" + host_sim::screen::html_escape(id) + "\""));
    EXPECT_TRUE(contains(review, "<details class=\"ids\">"));
    EXPECT_TRUE(contains(review, "₹48,700.50")) << "the amount asked, in rupees";
    EXPECT_EQ(rows(get("/erp/invoices?needs=1")), std::vector<std::string>{id});
    EXPECT_EQ(rows(get("/erp/invoices?status=unpaid")), std::vector<std::string>{fine});

    // The invoice page: ₹ with Indian grouping, the ERP's fee names, ids tucked away.
    const std::string page = get("/erp/invoice?id=" + url_component(fine));
    EXPECT_TRUE(contains(page, "<td id=\"amount-due\">₹48,700.50</td>")) << page;
    EXPECT_TRUE(contains(page, "<td class=\"fee\">Tuition fee</td>"));
    EXPECT_TRUE(contains(page, "<td class=\"fee\">School bus</td>"));
    EXPECT_FALSE(contains(page, ">TUITION_FEE<"));
    EXPECT_TRUE(contains(page, "<details class=\"ids\"><summary>Internal ids</summary>"));
    const auto details = page.find("<details class=\"ids\">");
    EXPECT_GT(page.find("id=\"order-id\""), details);
    EXPECT_GT(page.find("id=\"collection\""), details);
}

TEST_P(InvoiceList, AnEmptyErpSaysSoInWords) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness& h = harness();
    serve(h);
    const std::string empty = get("/erp/invoices");
    EXPECT_TRUE(contains(empty, "0 invoices"));
    EXPECT_TRUE(contains(empty, "id=\"no-invoices\""));
    EXPECT_FALSE(contains(empty, "id=\"next-page\""));
    for (const char* link :
         {"nav-invoices", "nav-review", "nav-bulk", "nav-settlement", "nav-webhooks"})
        EXPECT_TRUE(contains(empty, std::string("id=\"") + link + "\"")) << link;
}

INSTANTIATE_TEST_SUITE_P(Databases, InvoiceList, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
