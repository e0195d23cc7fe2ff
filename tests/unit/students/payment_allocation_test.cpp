// The documented allocation of a payment made in Jodo to the student's open
// bills: same component, bill order, each up to what it owes, the rest an
// advance.
#include <gtest/gtest.h>

#include "jodo/students/PaymentAllocation.hpp"

using namespace jodo;

namespace {
StudentPayment payment(std::vector<StudentPaymentLine> lines) {
    StudentPayment p;
    p.id = "pg_1";
    for (const auto& l : lines)
        p.amount += l.amount;
    p.details = std::move(lines);
    return p;
}
}  // namespace

TEST(PaymentAllocation, EachLineFillsTheOldestBillsOfItsComponentFirst) {
    const std::vector<OpenBill> bills = {
        {"INV-1", 1, "TUITION", 30000}, {"INV-1", 2, "BUS", 5000}, {"INV-2", 1, "TUITION", 50000}};
    const Allocation a = allocate_payment(payment({{"TUITION", 60000, "", ""}}), bills);
    ASSERT_EQ(a.pieces.size(), 2u);
    EXPECT_EQ(a.pieces[0].invoice_id, "INV-1");
    EXPECT_EQ(a.pieces[0].amount, 30000);
    EXPECT_EQ(a.pieces[0].line_no, 1);
    EXPECT_EQ(a.pieces[1].invoice_id, "INV-2");
    EXPECT_EQ(a.pieces[1].amount, 30000);
    EXPECT_EQ(a.pieces[1].line_no, 2);
    EXPECT_EQ(a.advance, 0);
}

TEST(PaymentAllocation, WhatNoBillTakesIsOneAdvancePiecePerLine) {
    const std::vector<OpenBill> bills = {{"INV-1", 1, "TUITION", 10000}};
    const Allocation a =
        allocate_payment(payment({{"TUITION", 15000, "", ""}, {"LIBRARY", 700, "", ""}}), bills);
    ASSERT_EQ(a.pieces.size(), 3u);
    EXPECT_EQ(a.pieces[1].invoice_id, "");
    EXPECT_EQ(a.pieces[1].amount, 5000);
    EXPECT_EQ(a.pieces[2].component_type, "LIBRARY");
    EXPECT_EQ(a.pieces[2].invoice_id, "");
    EXPECT_EQ(a.advance, 5700);
    Paise total = 0;
    for (const auto& p : a.pieces)
        total += p.amount;
    EXPECT_EQ(total, 15700);  // every paisa is placed, none twice
}

TEST(PaymentAllocation, TwoLinesOfOneComponentDoNotFillTheSameBillTwice) {
    const std::vector<OpenBill> bills = {{"INV-1", 1, "TUITION", 10000}};
    const Allocation a =
        allocate_payment(payment({{"TUITION", 8000, "", ""}, {"TUITION", 8000, "", ""}}), bills);
    EXPECT_EQ(a.advance, 6000);
}

TEST(PaymentAllocation, APaymentWithoutABreakdownIsAnAdvance) {
    StudentPayment p;
    p.amount = 12345;
    const Allocation a = allocate_payment(p, {{"INV-1", 1, "TUITION", 99999}});
    ASSERT_EQ(a.pieces.size(), 1u);
    EXPECT_EQ(a.advance, 12345);
}
