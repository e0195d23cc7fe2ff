#include "jodo/collect/PayOrderMapper.hpp"

#include <gtest/gtest.h>

namespace {
jodo::Invoice invoice() {
    jodo::Invoice i;
    i.invoice_id = "INV-7";
    i.payer_name = "Vikram Rao";
    i.phone = "+91 98450 12345";
    i.email = "v@example.com";
    i.student_id = "STU-0042";
    i.student_name = "Meera";
    i.academic_year_start = 2026;
    i.lines = {{1, "ADMISSION_FEE", 2500000}, {2, "LAB_FEE", 150050}};
    i.amount_due = 2650050;
    return i;
}
}  // namespace

TEST(PayOrderMapper, OneDetailsRowPerLineAndTheErpReferenceInNotes) {
    const auto i = invoice();
    auto r = jodo::map_invoice_to_pay_order(i, "col-1", "http://127.0.0.1/cb");
    EXPECT_EQ(r.name, "Vikram Rao");
    EXPECT_EQ(r.phone, "9845012345");
    EXPECT_EQ(r.student_name, "Meera");
    ASSERT_EQ(r.details.size(), 2u);
    EXPECT_EQ(r.details[1].component_type, "LAB_FEE");
    EXPECT_EQ(r.details[1].amount, 150050);
    EXPECT_EQ(r.total(), i.amount_due);
    ASSERT_EQ(r.notes.size(), 2u);
    EXPECT_EQ(r.notes[0], (std::pair<std::string, std::string>{"erp_invoice_id", "INV-7"}));
    EXPECT_EQ(r.notes[1].second, "col-1");
    EXPECT_EQ(r.callback_url, "http://127.0.0.1/cb");
}

TEST(PayOrderMapper, IdentifierIsTheStudentNotTheInvoice) {
    auto r = jodo::map_invoice_to_pay_order(invoice(), "col-1", "");
    EXPECT_EQ(r.identifier, "STU-0042");
}

TEST(PayOrderMapper, AsksForWhatIsOwedNotTheLinesTotal) {
    auto i = invoice();
    i.amount_due = 1250000;  // part paid
    auto r = jodo::map_invoice_to_pay_order(i, "col-1", "");
    EXPECT_EQ(r.total(), 1250000);
}

TEST(PayOrderMapper, LongNamesAreCutOnACharacterBoundary) {
    auto i = invoice();
    i.payer_name.clear();
    for (int n = 0; n < 67; ++n)
        i.payer_name += "\xE0\xA4\x85\xE0\xA4\xA8";  // "अन": two 3-byte characters
    auto r = jodo::map_invoice_to_pay_order(i, "col-1", "");
    EXPECT_EQ(r.name.size(), jodo::jodo_text_limit::name * 3);
    EXPECT_EQ(r.name, i.payer_name.substr(0, jodo::jodo_text_limit::name * 3));
}
