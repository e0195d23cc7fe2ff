// The invoice page's actions through HTTP on 127.0.0.1, against the built
// module, a real database and the sandbox: only the buttons the state allows,
// a confirmation before Cancel and Release (a POST without it changes
// nothing), errors as plain sentences, and a payment link ready to pass on.
#include <gtest/gtest.h>

#include <regex>

#include <Poco/Data/Session.h>

#include "ScreenClient.hpp"
#include "host_sim/sandbox/FaultInjector.hpp"
#include "host_sim/screen/Html.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::Page;
using acceptance::ScreenClient;
using host_sim::screen::url_component;

namespace {

bool button(const Page& page, const std::string& action) {
    return page.has("data-action=\"" + action + "\"");
}

std::string form(const std::string& id, const std::string& action) {
    return "id=" + url_component(id) + "&action=" + action;
}

class InvoiceActions : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override { db_ = std::make_unique<ErpDatabase>(GetParam()); }
    std::unique_ptr<ErpDatabase> db_;
};

}  // namespace

TEST_P(InvoiceActions, ButtonsFollowTheStateAndCancelNeedsAYes) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-ACT"));
    ScreenClient screen(h, db_->connection_string(), "Green Valley School");
    const std::string page_path = "/erp/invoice?id=" + url_component(id);

    Page fresh = screen.get(page_path);
    ASSERT_EQ(fresh.status, 200) << fresh.body;
    EXPECT_TRUE(button(fresh, "collect"));
    EXPECT_TRUE(button(fresh, "send_link"));
    EXPECT_TRUE(fresh.has(">Create payment link to share</button>")) << fresh.body;
    EXPECT_FALSE(button(fresh, "cancel_link")) << "nothing to cancel yet";
    EXPECT_FALSE(button(fresh, "release_unknown")) << "nothing to release";
    EXPECT_FALSE(fresh.has("id=\"payment-link\"")) << "no link yet";
    EXPECT_TRUE(fresh.has("<td id=\"amount-due\">₹48,700.50</td>")) << fresh.body;

    // A hand-made POST for an action the state rules out does nothing.
    const Page refused = screen.post("/erp/invoice/action", form(id, "cancel_link"));
    ASSERT_EQ(refused.status, 303);
    const Page told = screen.get(refused.location);
    EXPECT_TRUE(told.has("<div class=\"error\" role=\"alert\"")) << told.body;

    const Page sent = screen.post("/erp/invoice/action", form(id, "send_link"));
    ASSERT_EQ(sent.status, 303) << sent.body;
    ASSERT_EQ(h.sandbox().create_count(), 1u);
    const Page linked = screen.get(sent.location);
    EXPECT_TRUE(button(linked, "cancel_link")) << linked.body;
    EXPECT_TRUE(button(linked, "refresh"));
    EXPECT_FALSE(button(linked, "send_link")) << "the link exists: it is shared, not made again";
    EXPECT_FALSE(button(linked, "release_unknown"));

    // Cancel without the yes: a confirmation page, and the link still works.
    const Page ask = screen.post("/erp/invoice/action", form(id, "cancel_link"));
    ASSERT_EQ(ask.status, 200) << ask.body;
    EXPECT_TRUE(ask.has("id=\"confirm-action\"")) << ask.body;
    EXPECT_EQ(ask.attribute("cancel-confirm", "href"), host_sim::screen::html_escape(page_path));
    EXPECT_TRUE(ask.has("name=\"confirm\" value=\"yes\""));
    EXPECT_FALSE(ask.element("consequence").empty());
    EXPECT_EQ(h.collections(id)[0].status, "unpaid");
    EXPECT_EQ(h.collections(id)[0].active, 1);

    const Page yes = screen.post("/erp/invoice/action", form(id, "cancel_link") + "&confirm=yes");
    ASSERT_EQ(yes.status, 303) << yes.body;
    EXPECT_EQ(h.collections(id)[0].status, "cancelled");
    const Page after = screen.get(yes.location);
    EXPECT_FALSE(button(after, "cancel_link"));
    EXPECT_TRUE(button(after, "send_link")) << "a new link can be made";
    EXPECT_FALSE(after.has("id=\"payment-link\"")) << "a cancelled link is not offered to share";
}

TEST_P(InvoiceActions, TheLinkIsReadyToPassOnByWhatsappAndEmail) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-SHARE"));
    ScreenClient screen(h, db_->connection_string(), "Green Valley School");
    ASSERT_EQ(screen.get("/erp/invoice?id=" + url_component(id)).status, 200);
    const Page sent = screen.post("/erp/invoice/action", form(id, "send_link"));
    ASSERT_EQ(sent.status, 303);
    const Page page = screen.get(sent.location);
    const std::string url = acceptance::output(h.action("status", id), "redirect_url");
    ASSERT_FALSE(url.empty());
    EXPECT_EQ(page.attribute("payment-link", "value"), host_sim::screen::html_escape(url));
    EXPECT_TRUE(page.has("<button type=\"button\" id=\"copy-link\">")) << page.body;
    EXPECT_TRUE(page.has("<span id=\"copy-status\""));

    const std::string wa = page.attribute("share-whatsapp", "href");
    EXPECT_EQ(wa.rfind("https://wa.me/919876543210?text=", 0), 0u) << wa;
    EXPECT_TRUE(std::regex_match(
        wa, std::regex("https://wa\\.me/91[6-9][0-9]{9}\\?text=[A-Za-z0-9%._~-]+")))
        << "the text is percent-encoded whole: " << wa;
    for (const std::string& part :
         std::vector<std::string>{"Green%20Valley%20School", "Rohan%20Sharma",
                                  "%E2%82%B948%2C700.50", url_component(url), "valid%20until"})
        EXPECT_NE(wa.find(part), std::string::npos) << part << " in " << wa;
    EXPECT_EQ(page.attribute("share-whatsapp", "target"), "_blank");
    EXPECT_NE(page.attribute("share-whatsapp", "rel").find("noopener"), std::string::npos);

    const std::string mail = page.attribute("share-email", "href");
    EXPECT_EQ(mail.rfind("mailto:anita@example.com?subject=", 0), 0u) << mail;
    EXPECT_NE(mail.find("&amp;body="), std::string::npos) << "escaped in the attribute: " << mail;
    EXPECT_NE(mail.find(url_component(url)), std::string::npos);
    EXPECT_NE(page.element("share-text").find("₹48,700.50"), std::string::npos);

    // The copy script runs under the page's nonce (CSP allows nothing else).
    const std::smatch nonce = [&] {
        std::smatch m;
        std::regex_search(page.body, m, std::regex("<script nonce=\"([0-9a-f]+)\">"));
        return m;
    }();
    ASSERT_FALSE(nonce.empty()) << page.body;
    EXPECT_NE(page.body.find("navigator.clipboard.writeText"), std::string::npos);
    EXPECT_NE(page.body.find("document.execCommand('copy')"), std::string::npos);

    // The ERP's payer later holds a landline and no email: said so, no broken links.
    {
        using namespace Poco::Data::Keywords;
        std::string invoice = id;
        h.erp().session() << "UPDATE erp_payers SET phone = '022 2345 6789', email = NULL WHERE "
                             "payer_id = (SELECT payer_id FROM erp_invoices WHERE invoice_id = ?)",
            use(invoice), now;
    }
    const Page later = screen.get("/erp/invoice?id=" + url_component(id));
    EXPECT_TRUE(later.has("id=\"payment-link\"")) << later.body;
    EXPECT_FALSE(later.has("id=\"share-whatsapp\""));
    EXPECT_FALSE(later.has("id=\"share-email\""));
    EXPECT_NE(later.element("no-whatsapp").find("no Indian mobile number"), std::string::npos)
        << later.body;
    EXPECT_FALSE(later.element("no-email").empty());
}

TEST_P(InvoiceActions, ErrorsArePlainSentencesWithoutCodes) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    auto sample = LifecycleHarness::sample("INV-NOPHONE");
    sample.phone = "";
    const std::string id = h.add_invoice(sample);
    ScreenClient screen(h, db_->connection_string());
    ASSERT_EQ(screen.get("/erp/invoice?id=" + url_component(id)).status, 200);
    const Page collected = screen.post("/erp/invoice/action", form(id, "collect"));
    ASSERT_EQ(collected.status, 303) << collected.body;
    EXPECT_EQ(h.sandbox().create_count(), 0u);
    const Page page = screen.get(collected.location);
    std::smatch alert;
    ASSERT_TRUE(std::regex_search(
        page.body, alert, std::regex("<div class=\"error\" role=\"alert\"[^>]*><p>([^<]*)</p>")))
        << page.body;
    const std::string sentence = alert[1].str();
    EXPECT_NE(sentence.find("Correct the invoice in the ERP"), std::string::npos) << sentence;
    EXPECT_FALSE(std::regex_search(sentence, std::regex("[a-z]+_[a-z]+"))) << sentence;
    EXPECT_FALSE(page.has("invalid_input")) << page.body;
}

TEST_P(InvoiceActions, ReleaseOfAnUnknownRequestNeedsAYes) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-REL"));
    ScreenClient screen(h, db_->connection_string());
    const std::string page_path = "/erp/invoice?id=" + url_component(id);
    ASSERT_EQ(screen.get(page_path).status, 200);
    // The link's create answer is lost: Jodo may have made it.
    h.sandbox().inject_next(1, jodo::sandbox::Fault{jodo::sandbox::FaultKind::drop_after_commit},
                            "POST");
    const Page lost = screen.post("/erp/invoice/action", form(id, "send_link"));
    ASSERT_EQ(lost.status, 303);
    const Page page = screen.get(lost.location);
    EXPECT_TRUE(page.has("role=\"alert\"")) << page.body;
    EXPECT_NE(page.element("flash").find("Do not collect again"), std::string::npos) << page.body;
    EXPECT_FALSE(page.has("outcome_unknown"));
    EXPECT_TRUE(button(page, "release_unknown")) << page.body;
    EXPECT_TRUE(button(page, "refresh"));
    EXPECT_FALSE(button(page, "collect")) << "no second request while one is in doubt";
    EXPECT_FALSE(button(page, "send_link"));

    const Page ask = screen.post("/erp/invoice/action", form(id, "release_unknown"));
    ASSERT_EQ(ask.status, 200);
    EXPECT_TRUE(ask.has("id=\"confirm-action\""));
    EXPECT_TRUE(ask.has("id=\"cancel-confirm\""));
    EXPECT_NE(ask.element("consequence").find("refunded"), std::string::npos) << ask.body;
    EXPECT_EQ(h.collections(id)[0].status, "unknown") << "no yes, no release";

    const Page yes =
        screen.post("/erp/invoice/action", form(id, "release_unknown") + "&confirm=yes");
    ASSERT_EQ(yes.status, 303);
    EXPECT_EQ(h.collections(id)[0].status, "abandoned");
    // A new request now may be a second order: it asks too.
    const Page again = screen.get(yes.location);
    ASSERT_TRUE(button(again, "collect")) << again.body;
    const Page ask_collect = screen.post("/erp/invoice/action", form(id, "collect"));
    EXPECT_EQ(ask_collect.status, 200);
    EXPECT_TRUE(ask_collect.has("id=\"confirm-action\""));
    EXPECT_EQ(h.sandbox().create_count(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Databases, InvoiceActions,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
