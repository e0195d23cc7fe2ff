#include "jodo/sync/StatusRules.hpp"

#include <gtest/gtest.h>

#include "jodo/erp/Collection.hpp"

using jodo::Collection;
using jodo::RemoteOrder;

namespace {
RemoteOrder remote(const std::string& status, bool settled = false) {
    RemoteOrder r;
    r.status = status;
    r.lines = {{"A", 100, settled ? "UTR1" : "", settled ? "2026-01-01T00:00:00Z" : ""}};
    return r;
}

// Where the rules take `current`, as stored.
std::string status_after(const Collection& current, const RemoteOrder& remote) {
    return jodo::to_text(jodo::next_status(current, remote));
}

// A one-line collection in `status`.
Collection at(const std::string& status) {
    Collection c;
    c.status = jodo::status_from_text(status).value();
    c.amount = 100;
    c.lines = {{1, "A", 100, -1, "", ""}};
    return c;
}

// Three lines asked for; Jodo reports them paid with a UTR on those in `utrs`.
Collection three_lines(const std::string& status) {
    Collection c;
    c.status = jodo::status_from_text(status).value();
    c.amount = 300;
    c.lines = {{1, "A", 100, -1, "", ""}, {2, "B", 100, -1, "", ""}, {3, "C", 100, -1, "", ""}};
    return c;
}
RemoteOrder paid_with_utrs(std::size_t lines, std::size_t utrs) {
    RemoteOrder r;
    r.status = "paid";
    for (std::size_t i = 0; i < lines; ++i)
        r.lines.push_back({"L", 100, i < utrs ? "UTR" + std::to_string(i) : "", ""});
    return r;
}
}  // namespace

TEST(StatusRules, MovesForward) {
    EXPECT_EQ(status_after(at("unpaid"), remote("paid")), "paid");
    EXPECT_EQ(status_after(at("paid"), remote("paid", true)), "settled");
    EXPECT_EQ(status_after(at("unpaid"), remote("paid", true)), "settled");
    EXPECT_EQ(status_after(at("unpaid"), remote("expired")), "expired");
    EXPECT_EQ(status_after(at("unknown"), remote("unpaid")), "unpaid");
}

TEST(StatusRules, NeverMovesBack) {
    EXPECT_EQ(status_after(at("paid"), remote("unpaid")), "paid");
    EXPECT_EQ(status_after(at("settled"), remote("paid")), "settled");
    EXPECT_EQ(status_after(at("expired"), remote("unpaid")), "expired");
}

TEST(StatusRules, PaymentOnADeadLinkIsStillRecorded) {
    EXPECT_EQ(status_after(at("expired"), remote("paid")), "paid");
    EXPECT_EQ(status_after(at("cancelled"), remote("paid")), "paid");
}

TEST(StatusRules, SettledOnlyWhenEveryLineHasAUtr) {
    EXPECT_EQ(status_after(three_lines("paid"), paid_with_utrs(3, 1)), "paid");
    EXPECT_EQ(status_after(three_lines("paid"), paid_with_utrs(3, 2)), "paid");
    // Jodo reports one line, with a UTR, for an invoice of three.
    EXPECT_EQ(status_after(three_lines("paid"), paid_with_utrs(1, 1)), "paid");
    EXPECT_EQ(status_after(three_lines("unpaid"), paid_with_utrs(1, 1)), "paid");
    EXPECT_EQ(status_after(three_lines("paid"), paid_with_utrs(3, 3)), "settled");
    EXPECT_EQ(status_after(three_lines("paid"), paid_with_utrs(4, 4)), "settled");
}

TEST(StatusRules, UtrsRecordedEarlierCount) {
    // Lines 1 and 2 were settled in an earlier report; Jodo now names line 3's.
    Collection c = three_lines("paid");
    c.lines[0].settlement_utr = "UTR_A";
    c.lines[1].settlement_utr = "UTR_B";
    RemoteOrder r = paid_with_utrs(3, 0);
    r.lines[2].settlement_utr = "UTR_C";
    EXPECT_EQ(status_after(c, r), "settled");
    EXPECT_EQ(status_after(c, paid_with_utrs(3, 0)), "paid");
}

TEST(StatusRules, AnUnknownRemoteStatusMovesNothing) {
    for (const char* odd : {"PAID", "refunded", "", "Paid ", "partially_paid"}) {
        EXPECT_EQ(status_after(at("unpaid"), remote(odd)), "unpaid") << odd;
        EXPECT_EQ(status_after(at("unknown"), remote(odd)), "unknown") << odd;
        EXPECT_EQ(status_after(at("expired"), remote(odd)), "expired") << odd;
        EXPECT_EQ(status_after(at("paid"), remote(odd, true)), "paid") << odd;
        EXPECT_FALSE(jodo::is_known_remote_status(odd)) << odd;
    }
    for (const char* known : {"paid", "unpaid", "expired", "cancelled"})
        EXPECT_TRUE(jodo::is_known_remote_status(known)) << known;
}
