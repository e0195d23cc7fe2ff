#include "host_sim/screen/IndianFormat.hpp"

#include <gtest/gtest.h>

namespace host_sim::screen {
namespace {

TEST(Rupees, GroupsInLakhsAndCrores) {
    EXPECT_EQ(rupees("131200.50"), "\u20B91,31,200.50");
    EXPECT_EQ(rupees("7800000"), "\u20B978,00,000.00");
    EXPECT_EQ(rupees("123456789.5"), "\u20B912,34,56,789.50");
    EXPECT_EQ(rupees("999"), "\u20B9999.00");
    EXPECT_EQ(rupees("1000"), "\u20B91,000.00");
    EXPECT_EQ(rupees("0.05"), "\u20B90.05");
    EXPECT_EQ(rupees("-1500.00"), "-\u20B91,500.00");
}

TEST(IndianCount, GroupsLikeRupees) {
    EXPECT_EQ(indian_count(0), "0");
    EXPECT_EQ(indian_count(999), "999");
    EXPECT_EQ(indian_count(10004), "10,004");
    EXPECT_EQ(indian_count(1234567), "12,34,567");
    EXPECT_EQ(indian_count(-100000), "-1,00,000");
}

TEST(Rupees, LeavesWhatIsNotAnAmountAlone) {
    EXPECT_EQ(rupees(""), "");
    EXPECT_EQ(rupees("12.345"), "12.345");
    EXPECT_EQ(rupees("abc"), "abc");
    EXPECT_EQ(rupees("1e5"), "1e5");
}

TEST(Rupees, PaiseAreExact) {
    EXPECT_EQ(paise_of("131200.5"), 13120050);
    EXPECT_EQ(paise_of("0.01"), 1);
    EXPECT_EQ(rupees_from_paise(780000000), "\u20B978,00,000.00");
    EXPECT_FALSE(paise_of("1.2.3").has_value());
}

TEST(SchoolTime, IsIndianStandardTimeByDefault) {
    use_school_timezone("Asia/Kolkata");
    EXPECT_EQ(school_time("2026-12-06T04:52:42Z"), "6 Dec 2026, 10:22 am");
    EXPECT_EQ(school_time("2026-12-06T18:40:00Z"), "7 Dec 2026, 12:10 am");
    EXPECT_EQ(school_time("2026-12-06T07:00:00.123Z"), "6 Dec 2026, 12:30 pm");
    EXPECT_EQ(school_time("2026-12-06T10:22:00+05:30"), "6 Dec 2026, 10:22 am");
    EXPECT_EQ(school_time("2026-12-06"), "6 Dec 2026");
    EXPECT_EQ(school_time("not a time"), "not a time");
    EXPECT_EQ(school_time(""), "");
}

TEST(SchoolTime, AnUnknownZoneIsRefusedByName) {
    try {
        use_school_timezone("Asia/Kolkatta");
        FAIL() << "accepted a misspelt zone";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("Asia/Kolkatta"), std::string::npos);
    }
    use_school_timezone("Asia/Kolkata");
}

}  // namespace
}  // namespace host_sim::screen
