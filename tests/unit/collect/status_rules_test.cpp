#include "collect/StatusRules.hpp"

#include <gtest/gtest.h>

using jodo::next_status;
using jodo::RemoteOrder;

namespace {
RemoteOrder remote(const std::string& status, bool settled = false) {
    RemoteOrder r;
    r.status = status;
    r.lines = {{"A", 100, settled ? "UTR1" : "", settled ? "2026-01-01T00:00:00Z" : ""}};
    return r;
}
}  // namespace

TEST(StatusRules, MovesForward) {
    EXPECT_EQ(next_status("unpaid", remote("paid")), "paid");
    EXPECT_EQ(next_status("paid", remote("paid", true)), "settled");
    EXPECT_EQ(next_status("unpaid", remote("paid", true)), "settled");
    EXPECT_EQ(next_status("unpaid", remote("expired")), "expired");
    EXPECT_EQ(next_status("unknown", remote("unpaid")), "unpaid");
}

TEST(StatusRules, NeverMovesBack) {
    EXPECT_EQ(next_status("paid", remote("unpaid")), "paid");
    EXPECT_EQ(next_status("settled", remote("paid")), "settled");
    EXPECT_EQ(next_status("expired", remote("unpaid")), "expired");
}

TEST(StatusRules, PaymentOnADeadLinkIsStillRecorded) {
    EXPECT_EQ(next_status("expired", remote("paid")), "paid");
    EXPECT_EQ(next_status("cancelled", remote("paid")), "paid");
}
