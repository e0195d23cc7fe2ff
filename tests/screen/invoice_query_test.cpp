// What the invoice list makes of its URL: hand-typed or hostile parameters
// fall back to the defaults, and links keep the search while changing one
// thing. (The SQL itself runs against real databases in
// tests/acceptance/invoice_list_test.cpp.)
#include <gtest/gtest.h>

#include "host_sim/screen/ActionRules.hpp"
#include "host_sim/screen/InvoiceSearch.hpp"
#include "host_sim/screen/ListPage.hpp"
#include "host_sim/screen/ScreenHttp.hpp"

using host_sim::screen::InvoiceQuery;
using host_sim::screen::parse_form;

TEST(InvoiceQuery, ReadsEveryParameter) {
    const auto q = InvoiceQuery::from(parse_form(
        "q=+Rohan%20Sharma+&grade=Grade+5+B&year=2026&status=unpaid&needs=1&sort=amount&dir=desc"
        "&page=3"));
    EXPECT_EQ(q.q, "Rohan Sharma") << "trimmed";
    EXPECT_EQ(q.grade, "Grade 5 B");
    EXPECT_EQ(q.year, "2026");
    EXPECT_EQ(q.status, "unpaid");
    EXPECT_TRUE(q.needs);
    EXPECT_EQ(q.sort, "amount");
    EXPECT_TRUE(q.descending);
    EXPECT_EQ(q.page, 3);
    EXPECT_TRUE(q.filtered());
}

TEST(InvoiceQuery, NonsenseFallsBackToTheDefaults) {
    const auto q = InvoiceQuery::from(
        parse_form("year=2026;DROP&sort=payer_id;--&dir=sideways&page=-4&needs=yes"));
    EXPECT_EQ(q.year, "");
    EXPECT_EQ(q.sort, "invoice");
    EXPECT_FALSE(q.descending);
    EXPECT_EQ(q.page, 1);
    EXPECT_FALSE(q.needs);
    EXPECT_FALSE(q.filtered());
    EXPECT_EQ(InvoiceQuery::from(parse_form("page=99999999999999999999")).page, 1);
    EXPECT_EQ(InvoiceQuery::from(parse_form("page=0")).page, 1);
    EXPECT_EQ(InvoiceQuery::from(parse_form("q=" + std::string(5000, 'a'))).q.size(), 200u)
        << "a search term is bounded";
}

TEST(InvoiceQuery, LinksKeepTheSearchAndChangeOneThing) {
    auto q = InvoiceQuery::from(parse_form("q=a%26b&grade=Grade+5&sort=student&page=2"));
    EXPECT_EQ(q.url(), "/erp/invoices?q=a%26b&grade=Grade%205&sort=student&page=2");
    EXPECT_EQ(q.url({{"page", "3"}}), "/erp/invoices?q=a%26b&grade=Grade%205&sort=student&page=3");
    EXPECT_EQ(q.url({{"sort", ""}, {"page", ""}}), "/erp/invoices?q=a%26b&grade=Grade%205");
    EXPECT_EQ(InvoiceQuery().url(), "/erp/invoices");
}

TEST(InvoiceQuery, StatusesReadAsWords) {
    using host_sim::screen::status_words;
    EXPECT_EQ(status_words(""), "Not sent to Jodo");
    EXPECT_EQ(status_words("unknown"), "Sent, but Jodo's answer was lost (check the status)");
    EXPECT_EQ(status_words("paid"), "Paid");
}
