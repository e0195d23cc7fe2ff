#include "collect/InvoiceValidator.hpp"

#include <gtest/gtest.h>

using jodo::Invoice;

namespace {
Invoice good_invoice() {
    Invoice i;
    i.invoice_id = "INV-1";
    i.payer_name = "Anita Sharma";
    i.phone = "9876543210";
    i.email = "anita@example.com";
    i.lines = {{1, "TUITION_FEE", 4250000}, {2, "LAB_FEE", 150000}};
    return i;
}
}  // namespace

TEST(InvoiceValidator, AcceptsAGoodInvoice) {
    EXPECT_TRUE(jodo::validate_invoice(good_invoice()).empty());
}

TEST(InvoiceValidator, MissingPhoneIsNamed) {
    auto i = good_invoice();
    i.phone = "";
    EXPECT_EQ(jodo::describe_problems(jodo::validate_invoice(i)), "payer.phone is missing");
}

TEST(InvoiceValidator, ZeroAmountLineIsNamed) {
    auto i = good_invoice();
    i.lines[1].amount = 0;
    EXPECT_EQ(jodo::describe_problems(jodo::validate_invoice(i)),
              "line 2 amount must be greater than zero");
}

TEST(InvoiceValidator, ReportsEveryProblemAtOnce) {
    Invoice i;
    i.phone = "12345";
    i.email = "nobody";
    auto problems = jodo::validate_invoice(i);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0].field, "payer.name");
    EXPECT_EQ(problems[1].field, "payer.phone");
    EXPECT_EQ(problems[2].field, "payer.email");
    EXPECT_EQ(problems[3].field, "invoice lines");
}

TEST(InvoiceValidator, NormalisesIndianMobileNumbers) {
    EXPECT_EQ(jodo::normalise_phone("+91 98450 12345"), "9845012345");
    EXPECT_EQ(jodo::normalise_phone("09845012345"), "9845012345");
    EXPECT_EQ(jodo::normalise_phone("98450-12345"), "9845012345");
    EXPECT_EQ(jodo::normalise_phone("98450"), "");
    EXPECT_EQ(jodo::normalise_phone("98450x12345"), "");
}
