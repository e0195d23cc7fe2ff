// The chaos run end to end, bounded in size: 100 invoices through the built
// module while the sandbox injects every fault kind, webhooks are duplicated,
// dropped and reordered, and two collect workers die mid-run. Every invariant
// must hold, and the chaos must actually have happened.
#include <cstdlib>
#include <functional>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>

#include "chaos/ChaosRun.hpp"
#include "support/TempDir.hpp"

namespace {

chaos::ChaosOptions bounded_run(const std::filesystem::path& workdir) {
    chaos::ChaosOptions options;
    options.invoices = 100;
    options.fault_rate = 0.15;
    options.seed = 11;
    options.workdir = workdir;
    options.plugin_dir = JODO_TEST_HOOKS_PLUGIN_DIR;  // worker-1 dies at a crash point
    options.worker_binary = JODO_CHAOS_BINARY;
    return options;
}

void expect_every_invariant_and_real_chaos(const chaos::ChaosReport& report) {
    const std::string figures = chaos::format_chaos_report(report);
    std::cout << figures;
    // The invariants.
    EXPECT_TRUE(report.invariants.ok()) << figures;
    EXPECT_EQ(report.invariants.lost, 0);
    EXPECT_EQ(report.invariants.invoices, 100);
    EXPECT_EQ(report.invariants.jodo_paid, report.orders_paid);
    EXPECT_EQ(report.invariants.paid_reflected + report.invariants.unresolved_flagged,
              report.orders_paid);
    EXPECT_EQ(report.invariants.jodo_paid_total,
              report.invariants.db_paid_total + report.invariants.unresolved_total);
    // ... and that there was something to survive.
    EXPECT_GT(report.faults_total, 0u);
    EXPECT_GE(report.faults.size(), 4u) << "fault kinds injected";
    EXPECT_GT(report.client_retries, 0);
    EXPECT_GE(report.processes_killed, 1);
    EXPECT_GT(report.orders_paid, 0);
    EXPECT_GT(report.orders_settled, 0);
    EXPECT_GT(report.webhooks_dropped + report.webhooks_duplicated, 0u);
    EXPECT_GT(report.invariants.statuses.count("rejected"), 0u) << "invalid invoices refused";
}

TEST(ChaosRun, SqliteKeepsEveryInvariant) {
    testing_support::TempDir dir;
    std::ostringstream progress;
    const auto report = chaos::run_chaos(bounded_run(dir.path()), progress);
    std::cout << progress.str();
    expect_every_invariant_and_real_chaos(report);
}

// On the server the environment names (scripts/test.sh starts one of each).
// The run creates (and after a clean run drops) a scratch database on this
// server, so the shared test database is never touched.
void on_server(const char* variable, const char* require,
               const std::function<void(const std::string&)>& run) {
    const char* server = std::getenv(variable);
    if (!server || !*server) {
        const char* required = std::getenv(require);
        if (required && std::string(required) == "1")
            FAIL() << variable << " is not set";
        GTEST_SKIP() << variable << " is not set (scripts/test.sh sets it)";
    }
    run(server);
}

void run_on_server(const char* variable, const char* require) {
    on_server(variable, require, [](const std::string& server) {
        testing_support::TempDir dir;
        auto options = bounded_run(dir.path());
        options.connection_string = server;
        std::ostringstream progress;
        const auto report = chaos::run_chaos(options, progress);
        std::cout << progress.str();
        expect_every_invariant_and_real_chaos(report);
        EXPECT_NE(report.database.find("dropped"), std::string::npos) << report.database;
    });
}

// Issue 20's target: at 20% faults a lost Pay Order answer no longer waits
// for a person (the invoice is released and collected again), so at most 1%
// of invoices end 'unknown', and every invariant still holds.
void expect_at_most_one_percent_unknown(const std::string& server) {
    testing_support::TempDir dir;
    auto options = bounded_run(dir.path());
    options.invoices = 300;  // bounded for CI (and its ASan run); `jodo-chaos` does 2,000
    options.fault_rate = 0.20;
    options.seed = 7;
    options.connection_string = server;
    std::ostringstream progress;
    const auto report = chaos::run_chaos(options, progress);
    const std::string figures = chaos::format_chaos_report(report);
    std::cout << progress.str() << figures;
    EXPECT_TRUE(report.invariants.ok()) << figures;
    EXPECT_EQ(report.invariants.lost, 0);
    EXPECT_EQ(report.invariants.invoices, 300);
    EXPECT_GT(report.faults_total, 100u);
    EXPECT_GT(report.invariants.statuses.count("abandoned"), 0u)
        << "lost answers released: " << figures;
    EXPECT_LE(report.invariants.unknown_invoices * 100, report.invariants.invoices) << figures;
    EXPECT_NE(figures.find("unknown share: "), std::string::npos);
}

TEST(ChaosRun, TwentyPercentFaultsLeaveAtMostOnePercentUnknown) {
    expect_at_most_one_percent_unknown("");
}

TEST(ChaosRun, PostgresqlKeepsEveryInvariant) {
    run_on_server("JODO_TEST_PG_CONNECTION", "JODO_REQUIRE_POSTGRES");
}

TEST(ChaosRun, MariadbKeepsEveryInvariant) {
    run_on_server("JODO_TEST_MARIADB_CONNECTION", "JODO_REQUIRE_MARIADB");
}

TEST(ChaosRun, TwentyPercentFaultsLeaveAtMostOnePercentUnknownOnPostgresql) {
    on_server("JODO_TEST_PG_CONNECTION", "JODO_REQUIRE_POSTGRES",
              expect_at_most_one_percent_unknown);
}

}  // namespace
