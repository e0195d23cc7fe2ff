#include "jodo/collect/AmountDue.hpp"

#include <gtest/gtest.h>

using jodo::Invoice;
using jodo::InvoiceLine;

namespace {
Invoice with(std::vector<InvoiceLine> lines, jodo::Paise due) {
    Invoice i;
    i.lines = std::move(lines);
    i.amount_due = due;
    return i;
}
jodo::Paise sum(const std::vector<InvoiceLine>& lines) {
    jodo::Paise s = 0;
    for (const auto& l : lines)
        s += l.amount;
    return s;
}
}  // namespace

TEST(AmountDue, LinesThatAddUpAreSentAsTheyAre) {
    auto out =
        jodo::lines_for_amount_due(with({{1, "TUITION", 2000000}, {2, "BUS", 500000}}, 2500000));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].amount, 2000000);
    EXPECT_EQ(out[1].amount, 500000);
}

TEST(AmountDue, APartPaymentIsTakenOffTheFirstLinesFirst) {
    // 25,000 invoiced, 12,500 still owed.
    auto out =
        jodo::lines_for_amount_due(with({{1, "TUITION", 2000000}, {2, "BUS", 500000}}, 1250000));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].line_no, 1);
    EXPECT_EQ(out[0].amount, 750000);
    EXPECT_EQ(out[1].amount, 500000);
    EXPECT_EQ(sum(out), 1250000);
}

TEST(AmountDue, LinesFullyPaidAreLeftOut) {
    auto out =
        jodo::lines_for_amount_due(with({{1, "TUITION", 2000000}, {2, "BUS", 500000}}, 300000));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].line_no, 2);
    EXPECT_EQ(out[0].amount, 300000);
}

TEST(AmountDue, MoreOwedThanTheLinesAddsAPayableAmountRow) {
    auto out = jodo::lines_for_amount_due(with({{1, "TUITION", 2000000}}, 2010000));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1].line_no, jodo::kBalanceLineNo);
    EXPECT_EQ(out[1].fee_component, "Payable Amount");
    EXPECT_EQ(out[1].amount, 10000);
    EXPECT_EQ(sum(out), 2010000);
}

TEST(AmountDue, NoLinesAtAllIsOneRow) {
    auto out = jodo::lines_for_amount_due(with({}, 99));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].amount, 99);
}

TEST(AmountDue, DiscountRowsAreNotSent) {
    auto out = jodo::lines_for_amount_due(
        with({{1, "TUITION", 2000000}, {2, "SIBLING_DISCOUNT", -200000}}, 1800000));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].amount, 1800000);
}

TEST(AmountDue, NothingOwedSendsNothing) {
    EXPECT_TRUE(jodo::lines_for_amount_due(with({{1, "TUITION", 2000000}}, 0)).empty());
    EXPECT_TRUE(jodo::lines_for_amount_due(with({{1, "TUITION", 2000000}}, -5)).empty());
}

// A concession line nets against the fee lines first line first, like any
// other reduction; no row sent is negative and the rows add up to what is owed.
TEST(AmountDue, ANegativeConcessionLineIsNettedAgainstTheFirstLines) {
    auto out = jodo::lines_for_amount_due(
        with({{1, "TUITION", 2000000}, {2, "BUS", 500000}, {3, "SIBLING", -200000}}, 2300000));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].line_no, 1);
    EXPECT_EQ(out[0].amount, 1800000);
    EXPECT_EQ(out[1].amount, 500000);
    EXPECT_EQ(sum(out), 2300000);
    // Part paid as well: the payment comes off after the concession.
    out = jodo::lines_for_amount_due(
        with({{1, "TUITION", 2000000}, {2, "BUS", 500000}, {3, "SIBLING", -200000}}, 400000));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].line_no, 2);
    EXPECT_EQ(out[0].amount, 400000);
    for (const auto& l : out)
        EXPECT_GT(l.amount, 0);
}
