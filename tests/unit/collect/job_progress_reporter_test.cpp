#include "jodo/core/JobProgressReporter.hpp"

#include <gtest/gtest.h>

#include <vector>

using jodo::JobProgressReporter;

namespace {
erp_plugin::JobProgress at(std::uint64_t done) {
    erp_plugin::JobProgress p;
    p.action = "collect_all";
    p.done = done;
    p.total = 10;
    return p;
}
}  // namespace

TEST(JobProgressReporter, ThrottlesReportsButAlwaysSendsTheLast) {
    std::vector<erp_plugin::JobProgress> seen;
    JobProgressReporter reporter([&](const erp_plugin::JobProgress& p) { seen.push_back(p); },
                                 std::chrono::hours(1));
    for (std::uint64_t i = 1; i <= 9; ++i)
        reporter.maybe_report([&] { return at(i); });
    reporter.finish(at(10));
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].done, 1u);
    EXPECT_FALSE(seen[0].finished);
    EXPECT_EQ(seen[1].done, 10u);
    EXPECT_TRUE(seen[1].finished);
}

TEST(JobProgressReporter, NothingAfterTheFinalReportAndNeverBackwards) {
    std::vector<erp_plugin::JobProgress> seen;
    JobProgressReporter reporter([&](const erp_plugin::JobProgress& p) { seen.push_back(p); },
                                 std::chrono::milliseconds(0));
    reporter.maybe_report([] { return at(5); });
    reporter.maybe_report([] { return at(3); });
    reporter.finish(at(10));
    reporter.maybe_report([] { return at(10); });
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].done, 5u);
    EXPECT_TRUE(seen[1].finished);
}

TEST(JobProgressReporter, WithoutASinkNothingIsBuilt) {
    JobProgressReporter reporter({});
    bool built = false;
    reporter.maybe_report([&] {
        built = true;
        return at(1);
    });
    reporter.finish(at(1));
    EXPECT_FALSE(built);
}

// steady_clock counts from boot: on a machine up for less than the interval
// the first report must still go out.
TEST(JobProgressReporter, TheFirstReportGoesOutOnAMachineThatJustBooted) {
    std::vector<erp_plugin::JobProgress> seen;
    std::int64_t now_ns = 5'000'000'000;  // up for 5 s
    JobProgressReporter reporter([&](const erp_plugin::JobProgress& p) { seen.push_back(p); },
                                 std::chrono::hours(1), [&] { return now_ns; });
    reporter.maybe_report([] { return at(1); });
    now_ns += 1'000'000;
    reporter.maybe_report([] { return at(2); });
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].done, 1u);
    now_ns += 3'600'000'000'000;
    reporter.maybe_report([] { return at(3); });
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1].done, 3u);
}
