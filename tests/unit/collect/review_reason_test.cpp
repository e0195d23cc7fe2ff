#include <gtest/gtest.h>

#include "jodo/sync/CollectionSync.hpp"

using jodo::Collection;
using jodo::RemoteOrder;

namespace {
Collection asked() {
    Collection c;
    c.status = jodo::CollectionStatus::unpaid;
    c.amount = 4870050;
    c.lines = {{1, "TUITION_FEE", 4250000, -1, "", ""}, {2, "TRANSPORT_FEE", 620050, -1, "", ""}};
    return c;
}
RemoteOrder paid(jodo::Paise a, jodo::Paise b) {
    RemoteOrder r;
    r.status = "paid";
    r.lines = {{"TUITION_FEE", a, "", ""}, {"TRANSPORT_FEE", b, "", ""}};
    return r;
}
}  // namespace

TEST(ReviewReason, NothingWhenPaidInFull) {
    EXPECT_EQ(jodo::review_reason_for(asked(), paid(4250000, 620050)), "");
}

TEST(ReviewReason, AmountMismatchShowsBothFigures) {
    EXPECT_EQ(jodo::review_reason_for(asked(), paid(4250000, 600000)),
              "amount mismatch: invoiced 48700.50, Jodo reports 48500.00 paid; line 2 invoiced "
              "6200.50, paid 6000.00");
}

TEST(ReviewReason, PaymentOnADeadLinkIsFlagged) {
    auto c = asked();
    c.status = jodo::CollectionStatus::expired;
    EXPECT_EQ(jodo::review_reason_for(c, paid(4250000, 620050)),
              "paid after the link was expired: confirm the payment or refund it");
}

TEST(ReviewReason, UnpaidOrdersAreNotJudged) {
    auto r = paid(1, 1);
    r.status = "unpaid";
    EXPECT_EQ(jodo::review_reason_for(asked(), r), "");
}

TEST(ReviewReason, AnUnknownRemoteStatusIsFlaggedByName) {
    for (const char* odd : {"PAID", "refunded"}) {
        RemoteOrder r = paid(4250000, 620050);
        r.status = odd;
        r.paid_at = "2026-01-01T00:00:00Z";
        r.transaction_id = "trans_1";
        const std::string reason = jodo::review_reason_for(asked(), r);
        EXPECT_NE(reason.find(std::string("Jodo reports status \"") + odd + "\""),
                  std::string::npos)
            << reason;
        EXPECT_NE(reason.find("stays unpaid"), std::string::npos) << reason;
    }
}

TEST(ReviewReason, AnUnknownStatusIsQuotedWithinBounds) {
    RemoteOrder r = paid(4250000, 620050);
    r.status = std::string(5000, 'x') + "\xC3\xA9";
    const std::string reason = jodo::review_reason_for(asked(), r);
    EXPECT_LT(reason.size(), 300u);
    EXPECT_NE(reason.find("xxx..."), std::string::npos) << reason;
}

TEST(ReviewReason, PartialSettlementNeedsNoPerson) {
    RemoteOrder r = paid(4250000, 620050);
    r.lines[0].settlement_utr = "UTR1";
    EXPECT_EQ(jodo::review_reason_for(asked(), r), "");
}
