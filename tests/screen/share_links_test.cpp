// The links that carry a payment link to the parent: an Indian mobile number
// as wa.me takes it, the message percent-encoded, a mailto: that cannot carry
// a second address or header.
#include <gtest/gtest.h>

#include "host_sim/screen/IndianFormat.hpp"
#include "host_sim/screen/ShareLinks.hpp"

using namespace host_sim::screen;

TEST(ShareLinks, IndianMobileNumbersForWhatsapp) {
    EXPECT_EQ(whatsapp_number("9876543210"), "919876543210");
    EXPECT_EQ(whatsapp_number("+91 98765-43210"), "919876543210");
    EXPECT_EQ(whatsapp_number("098765 43210"), "919876543210");
    EXPECT_EQ(whatsapp_number("(91) 98765 43210"), "919876543210");
    EXPECT_EQ(whatsapp_number("6000000000"), "916000000000");
    EXPECT_EQ(whatsapp_number(""), "") << "no number, no link";
    EXPECT_EQ(whatsapp_number("022 2345 6789"), "") << "a Mumbai landline";
    EXPECT_EQ(whatsapp_number("5876543210"), "") << "mobiles start 6-9";
    EXPECT_EQ(whatsapp_number("98765432101"), "");
    EXPECT_EQ(whatsapp_number("9876543210 ext 5"), "");
    EXPECT_EQ(whatsapp_number("+1 415 555 0100"), "");
}

TEST(ShareLinks, MessageNamesSchoolStudentAmountAndExpiry) {
    use_school_timezone("Asia/Kolkata");
    const ShareMessage m{"Green Valley School",  "Anita Sharma",
                         "Rohan Sharma",         "131200.5",
                         "2026-12-06T04:52:42Z", "https://pay.example/p/abc?x=1&y=2"};
    EXPECT_EQ(share_text(m),
              "Dear Anita Sharma, please pay the fees of ₹1,31,200.50 for Rohan Sharma at Green "
              "Valley School with this link: https://pay.example/p/abc?x=1&y=2 (valid until 6 "
              "Dec 2026, 10:22 am).");
    EXPECT_EQ(share_subject(m), "Green Valley School: fees for Rohan Sharma, ₹1,31,200.50");
}

TEST(ShareLinks, WhatsappHrefEncodesTheWholeText) {
    const std::string href = whatsapp_href("98765 43210", "Pay ₹5 & see https://x/?a=1#b");
    EXPECT_EQ(href,
              "https://wa.me/919876543210?text=Pay%20%E2%82%B95%20%26%20see%20https%3A%2F%2Fx"
              "%2F%3Fa%3D1%23b");
    EXPECT_EQ(whatsapp_href("", "text"), "");
}

TEST(ShareLinks, MailtoForOnePlainAddress) {
    EXPECT_EQ(mailto_href("anita@example.com", "Fees & dues", "Line one\nhttps://x/?a=1&b=2"),
              "mailto:anita@example.com?subject=Fees%20%26%20dues&body=Line%20one%0Ahttps%3A%2F%2F"
              "x%2F%3Fa%3D1%26b%3D2");
    EXPECT_EQ(mailto_href("", "s", "b"), "");
    EXPECT_EQ(mailto_href("not-an-address", "s", "b"), "");
    EXPECT_EQ(mailto_href("a@b.com,evil@x.com", "s", "b"), "") << "a second recipient";
    EXPECT_EQ(mailto_href("a@b.com?bcc=evil@x.com", "s", "b"), "") << "a smuggled header";
    EXPECT_EQ(mailto_href("a b@c.com", "s", "b"), "");
    EXPECT_EQ(mailto_href("a@b@c.com", "s", "b"), "");
}
