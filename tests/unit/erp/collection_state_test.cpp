// The collection's state machine (jodo/erp/CollectionState.cpp): what is
// stored reads back as it was written, and the transition table allows only
// forward moves with the write-backs each names.
#include "jodo/erp/CollectionState.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

using jodo::CollectionEvent;
using jodo::CollectionStatus;

namespace {
const CollectionStatus kAll[] = {
    CollectionStatus::creating,  CollectionStatus::unknown,   CollectionStatus::unpaid,
    CollectionStatus::paid,      CollectionStatus::settled,   CollectionStatus::expired,
    CollectionStatus::cancelled, CollectionStatus::failed,    CollectionStatus::rejected,
    CollectionStatus::abandoned, CollectionStatus::superseded};
}  // namespace

TEST(CollectionState, EveryStatusReadsBackAsItIsStored) {
    for (CollectionStatus s : kAll)
        EXPECT_EQ(jodo::status_from_text(jodo::to_text(s)), s) << s;
    EXPECT_EQ(jodo::to_text(CollectionStatus::settled), "settled");
    EXPECT_FALSE(jodo::status_from_text("Paid"));
    EXPECT_FALSE(jodo::status_from_text(""));
    EXPECT_EQ(jodo::kind_from_text("order"), jodo::CollectionKind::pay_order);
    EXPECT_EQ(jodo::kind_from_text("payment_link"), jodo::CollectionKind::payment_link);
    EXPECT_FALSE(jodo::kind_from_text("link"));
}

TEST(CollectionState, WhatJodoReportsNeverMovesACollectionBack) {
    for (const auto& t : jodo::collection_transitions()) {
        if (t.event != CollectionEvent::jodo_reported)
            continue;
        for (CollectionStatus from : t.from)
            EXPECT_GE(jodo::rank(t.to), jodo::rank(from)) << from << " -> " << t.to;
    }
    EXPECT_FALSE(jodo::allowed(CollectionEvent::jodo_reported, CollectionStatus::paid,
                               CollectionStatus::unpaid));
    EXPECT_FALSE(jodo::allowed(CollectionEvent::jodo_reported, CollectionStatus::settled,
                               CollectionStatus::paid));
    EXPECT_TRUE(jodo::allowed(CollectionEvent::jodo_reported, CollectionStatus::expired,
                              CollectionStatus::paid));
}

TEST(CollectionState, MoneyIsPostedOnlyByAMoveIntoPaid) {
    for (const auto& t : jodo::collection_transitions())
        if (t.write_backs & jodo::writes_paid) {
            EXPECT_TRUE(jodo::is_paid(t.to)) << t.why;
            for (CollectionStatus from : t.from)
                EXPECT_FALSE(from == t.to && jodo::is_paid(from)) << t.why;
        }
}

TEST(CollectionState, AMoveTheTableLacksIsRefused) {
    EXPECT_THROW(jodo::write_backs_of(CollectionEvent::created, CollectionStatus::paid,
                                      CollectionStatus::unpaid),
                 std::logic_error);
    EXPECT_THROW(jodo::from_statuses(CollectionEvent::superseded, CollectionStatus::paid),
                 std::logic_error);
    EXPECT_EQ(jodo::write_backs_of(CollectionEvent::created, CollectionStatus::creating,
                                   CollectionStatus::unpaid),
              unsigned(jodo::writes_order | jodo::writes_status));
}

TEST(CollectionState, OpenStatusesAreTheOnesTheReconcilerWatches) {
    for (CollectionStatus s : kAll) {
        const bool open = jodo::is_open(s);
        EXPECT_EQ(open, s == CollectionStatus::creating || s == CollectionStatus::unknown ||
                            s == CollectionStatus::unpaid || s == CollectionStatus::paid ||
                            s == CollectionStatus::superseded)
            << s;
        if (jodo::is_inactive(s) && s != CollectionStatus::superseded) {
            EXPECT_FALSE(open) << s;
        }
    }
}
