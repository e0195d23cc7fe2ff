// The ISO 8601 reader and writer behind expires_at, paid_at and settled_at.
#include <gtest/gtest.h>

#include "host_sim/sandbox/IsoTime.hpp"

namespace jodo::sandbox {
namespace {

TEST(IsoTime, FormatsUtc) {
    EXPECT_EQ(format_iso_utc(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_iso_utc(1646129145), "2022-03-01T10:05:45Z");
    EXPECT_EQ(format_iso_utc(951782400), "2000-02-29T00:00:00Z");
}

TEST(IsoTime, ParsesZoneForms) {
    EXPECT_EQ(parse_iso_instant("2022-03-01T10:05:45Z"), 1646129145);
    EXPECT_EQ(parse_iso_instant("2022-03-01T15:35:45+05:30"), 1646129145);
    EXPECT_EQ(parse_iso_instant("2022-03-01T15:35:45+0530"), 1646129145);
    EXPECT_EQ(parse_iso_instant("2022-03-01T05:05:45-05"), 1646129145);
    EXPECT_EQ(parse_iso_instant("2022-03-01T10:05:45.123Z"), 1646129145);
}

TEST(IsoTime, RejectsWhatIsNotAnInstant) {
    std::string reason;
    EXPECT_FALSE(parse_iso_instant("2022-03-01T10:05:45", &reason));
    EXPECT_NE(reason.find("time zone"), std::string::npos) << reason;
    EXPECT_FALSE(parse_iso_instant("2022-02-30T10:05:45Z"));
    EXPECT_FALSE(parse_iso_instant("2023-02-29T00:00:00Z"));
    EXPECT_FALSE(parse_iso_instant("2022-03-01 10:05:45Z"));
    EXPECT_FALSE(parse_iso_instant("2022-03-01T24:00:00Z"));
    EXPECT_FALSE(parse_iso_instant("2022-03-01T10:05:45Zjunk"));
    EXPECT_FALSE(parse_iso_instant("2022-03-01T10:05:45+5:30"));
    EXPECT_FALSE(parse_iso_instant(""));
}

}  // namespace
}  // namespace jodo::sandbox
