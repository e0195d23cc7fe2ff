// Which invoice buttons a state allows, which need a confirmation, and how a
// failed action reads: a sentence chosen by its code, never a code.
#include <gtest/gtest.h>

#include <regex>

#include "host_sim/screen/ActionRules.hpp"

using namespace host_sim::screen;

namespace {

InvoiceView view_of(const std::string& status, const std::string& kind, bool active,
                    const std::string& amount_due = "50200.50") {
    InvoiceView v;
    v.invoice.invoice_id = "INV-1";
    v.invoice.amount_due = amount_due;
    v.actions = {"collect", "send_link", "cancel_link", "refresh", "release_unknown", "status"};
    if (status != "none")
        v.plugin_status =
            erp_plugin::Fields{{"status", status}, {"kind", kind}, {"active", active ? "1" : "0"}};
    return v;
}

std::string buttons(const InvoiceView& v) {
    std::string out;
    for (const auto& b : applicable_actions(v))
        out += (out.empty() ? "" : " ") + b.action + (b.confirm ? "?" : "");
    return out;
}

}  // namespace

TEST(ActionRules, ButtonsFollowTheState) {
    EXPECT_EQ(buttons(view_of("none", "", false)), "collect send_link")
        << "nothing to cancel, release or refresh before a first request";
    EXPECT_EQ(buttons(view_of("unpaid", "payment_link", true)), "collect cancel_link? refresh");
    EXPECT_EQ(buttons(view_of("unpaid", "pay_order", true)), "collect send_link refresh")
        << "a Pay Order cannot be cancelled";
    EXPECT_EQ(buttons(view_of("paid", "pay_order", true)), "refresh") << "no Collect when paid";
    EXPECT_EQ(buttons(view_of("settled", "payment_link", true)), "refresh");
    EXPECT_EQ(buttons(view_of("unknown", "pay_order", true)), "refresh release_unknown?")
        << "no new request while one is in doubt";
    EXPECT_EQ(buttons(view_of("creating", "pay_order", true)), "refresh")
        << "still in flight: not released yet";
    EXPECT_EQ(buttons(view_of("abandoned", "pay_order", false)), "collect? send_link? refresh")
        << "after a release a new request may be a second order";
    EXPECT_EQ(buttons(view_of("expired", "payment_link", false)), "collect send_link refresh");
    EXPECT_EQ(buttons(view_of("none", "", false, "0.00")), "") << "nothing owed";
}

TEST(ActionRules, OnlyOfferedActionsAreShown) {
    auto v = view_of("unknown", "pay_order", true);
    v.actions = {"refresh"};
    EXPECT_EQ(buttons(v), "refresh");
}

TEST(ActionRules, EveryConfirmedActionSaysItsConsequence) {
    for (const char* action : {"cancel_link", "release_unknown", "collect", "send_link"})
        EXPECT_FALSE(consequence(action).empty()) << action;
    EXPECT_TRUE(consequence("refresh").empty());
}

TEST(ActionRules, ErrorsArePlainSentencesChosenByCode) {
    const std::regex snake("[a-z]+_[a-z]+");
    for (int c = 1; c <= 8; ++c) {
        const std::string text = plain_error(static_cast<erp_plugin::StatusCode>(c));
        EXPECT_FALSE(std::regex_search(text, snake)) << text;
        EXPECT_EQ(text.back(), '.') << text;
        EXPECT_TRUE(std::isupper(static_cast<unsigned char>(text.front()))) << text;
    }
    EXPECT_NE(plain_error(erp_plugin::StatusCode::unavailable),
              plain_error(erp_plugin::StatusCode::outcome_unknown));
}

TEST(ActionRules, OnlyHumanTextIsKeptAsDetail) {
    EXPECT_EQ(human_detail("Invoice INV-1 has no open Jodo payment link."),
              "Invoice INV-1 has no open Jodo payment link.");
    EXPECT_EQ(human_detail("outcome_unknown: lost"), "");
    EXPECT_EQ(human_detail("Set jodo.db_outage_wait_s higher."), "");
    EXPECT_EQ(human_detail("{\"error\":\"x\"}"), "");
    EXPECT_EQ(human_detail("lower case start"), "");
    // Cut on a character boundary: "₹" is three bytes.
    const std::string cut = human_detail("Amount ₹₹₹", 9);
    EXPECT_EQ(cut, "Amount …");
}
