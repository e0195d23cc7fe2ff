#include "jodo/collect/InvoiceValidator.hpp"

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
    i.amount_due = 4400000;
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

TEST(InvoiceValidator, NothingOwedIsRefused) {
    auto i = good_invoice();
    i.amount_due = 0;
    EXPECT_EQ(jodo::describe_problems(jodo::validate_invoice(i)),
              "amount_due must be greater than zero (nothing is owed)");
    i.amount_due = -100;
    EXPECT_EQ(jodo::validate_invoice(i).size(), 1u);
}

TEST(InvoiceValidator, AZeroOrDiscountLineIsNotAProblem) {
    auto i = good_invoice();
    i.lines[1].amount = 0;
    EXPECT_TRUE(jodo::validate_invoice(i).empty());
}

TEST(InvoiceValidator, InvoiceIdsUpTo140CharactersAreTaken) {
    auto i = good_invoice();
    i.invoice_id = std::string(140, 'F');
    EXPECT_TRUE(jodo::validate_invoice(i).empty());
    i.invoice_id += "F";
    EXPECT_EQ(jodo::describe_problems(jodo::validate_invoice(i)),
              "invoice_id is longer than 140 characters");
}

TEST(InvoiceValidator, AnAmountBeyondDecimal14_2IsRefused) {
    auto i = good_invoice();
    i.amount_due = 100000000000000;  // 1,000,000,000,000.00
    EXPECT_EQ(jodo::validate_invoice(i).size(), 1u);
    i.amount_due = 99999999999999;
    EXPECT_TRUE(jodo::validate_invoice(i).empty());
}

TEST(InvoiceValidator, ReportsEveryProblemAtOnce) {
    Invoice i;
    i.phone = "12345";
    i.email = "nobody";
    auto problems = jodo::validate_invoice(i);
    ASSERT_EQ(problems.size(), 5u);
    EXPECT_EQ(problems[0].field, "payer.name");
    EXPECT_EQ(problems[1].field, "payer.phone");
    EXPECT_EQ(problems[2].field, "payer.email");
    EXPECT_EQ(problems[3].field, "invoice_id");
    EXPECT_EQ(problems[4].field, "amount_due");
}

TEST(InvoiceValidator, NormalisesIndianMobileNumbers) {
    EXPECT_EQ(jodo::normalise_phone("+91 98450 12345"), "9845012345");
    EXPECT_EQ(jodo::normalise_phone("09845012345"), "9845012345");
    EXPECT_EQ(jodo::normalise_phone("98450-12345"), "9845012345");
    EXPECT_EQ(jodo::normalise_phone("98450"), "");
    EXPECT_EQ(jodo::normalise_phone("98450x12345"), "");
}

TEST(InvoiceValidator, AnEmailIsAtMost254CharactersAndShapedLikeAnAddress) {
    auto i = good_invoice();
    i.email = std::string(64, 'a') + "@" + std::string(186, 'b') + ".in";  // 254
    EXPECT_TRUE(jodo::validate_invoice(i).empty());
    i.email = std::string(64, 'a') + "@" + std::string(187, 'b') + ".in";
    EXPECT_EQ(jodo::describe_problems(jodo::validate_invoice(i)),
              "payer.email is longer than 254 characters");
    for (const char* bad :
         {"anita", "@example.com", "anita@example", "anita@@example.com", "a@b@example.com",
          "anita@.com", "anita@example.", "an ita@example.com", "anita@example..com"}) {
        i.email = bad;
        EXPECT_EQ(jodo::describe_problems(jodo::validate_invoice(i)),
                  "payer.email is not an email address")
            << bad;
    }
    i.email = std::string(65, 'a') + "@example.com";  // a local part has at most 64
    EXPECT_FALSE(jodo::validate_invoice(i).empty());
}

TEST(InvoiceValidator, APhoneMustBeAnIndianMobileAfterNormalisation) {
    auto i = good_invoice();
    for (const char* good : {"+91 98450 12345", "6000000000", "07000000000"}) {
        i.phone = good;
        EXPECT_TRUE(jodo::validate_invoice(i).empty()) << good;
    }
    i.phone = "011 2345 6789";  // a Delhi landline
    EXPECT_EQ(jodo::describe_problems(jodo::validate_invoice(i)),
              "payer.phone is not an Indian mobile number (they start with 6, 7, 8 or 9)");
    i.phone = "5999999999";
    EXPECT_FALSE(jodo::validate_invoice(i).empty());
}
