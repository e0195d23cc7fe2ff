// When a purge of old rows (webhook bodies, audit rows) is due and what it keeps.
#include <gtest/gtest.h>

#include "jodo/core/RetentionSchedule.hpp"

using jodo::RetentionSchedule;

TEST(RetentionSchedule, FirstChanceThenAtMostOnceAMinute) {
    RetentionSchedule schedule;
    schedule.set_keep_ms(RetentionSchedule::days_ms(90));
    const std::int64_t start = 1'800'000'000'000;
    ASSERT_TRUE(schedule.due(start));
    EXPECT_EQ(*schedule.due(start + 60000), start + 60000 - 90LL * 86400 * 1000);
    EXPECT_FALSE(schedule.due(start + 60000 + 59999));
    EXPECT_TRUE(schedule.due(start + 120000));
}

TEST(RetentionSchedule, ZeroDaysKeepsNothingNegativeKeepsAll) {
    RetentionSchedule none;
    none.set_keep_ms(0);
    EXPECT_EQ(*none.due(5000), 5000);
    RetentionSchedule all;
    all.set_keep_ms(-1);
    EXPECT_FALSE(all.due(5000));
}
