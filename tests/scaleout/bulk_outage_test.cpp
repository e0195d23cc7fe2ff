// Issue 20 item 1: the database goes away in the middle of a 1,000-invoice
// collect_all (Jodo answering in 150 ms) and comes back 2.3 s later. The run
// waits for it: every answer Jodo gave is written, nothing is left 'creating'
// or 'unknown', and the report's "created" is what the database holds.
#include <gtest/gtest.h>

#include <iostream>
#include <thread>

#include <Poco/Data/Session.h>

#include "erp_sql/OpenOdbcSession.hpp"
#include "support/DatabaseServer.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"
#include "support/ScaleRig.hpp"
#include "support/TempDir.hpp"

using namespace Poco::Data::Keywords;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {
constexpr int kInvoices = 1000;

// jodo_collections rows per status, read on a connection of its own.
std::map<std::string, int> statuses(const std::string& connection) {
    Poco::Data::Session session = erp_sql::open_odbc_session(connection);
    std::vector<std::string> status;
    std::vector<int> count;
    session << "SELECT status, COUNT(*) FROM jodo_collections GROUP BY status", into(status),
        into(count), now;
    std::map<std::string, int> out;
    for (std::size_t i = 0; i < status.size(); ++i)
        out[status[i]] = count[i];
    return out;
}

class BulkOutage {
  public:
    explicit BulkOutage(const std::string& connection) {
        HarnessOptions options;
        options.settings = {{"jodo.db_outage_wait_s", "60"}};
        h_ = std::make_unique<LifecycleHarness>(connection, options);
        // Every answer takes 150 ms, as in the run the issue describes.
        h_->sandbox().set_chaos({1.0, {jodo::sandbox::FaultKind::slow}, 150, 1, ""});
        for (int i = 0; i < kInvoices; ++i)
            h_->add_invoice(LifecycleHarness::sample("INV-OUT-" + std::to_string(i)));
    }
    LifecycleHarness& h() { return *h_; }

    // collect_all with `outage` run once 256 orders exist at Jodo.
    erp_plugin::ActionResult run_through(const std::function<void()>& outage) {
        erp_plugin::ActionResult result;
        std::thread bulk([&] { result = h_->batch("collect_all"); });
        while (h_->sandbox().create_count() < 256)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        outage();
        bulk.join();
        return result;
    }

  private:
    std::unique_ptr<LifecycleHarness> h_;
};

void expect_nothing_stranded(const erp_plugin::ActionResult& result, const std::string& connection,
                             std::size_t orders_at_jodo) {
    for (const auto& [key, value] : result.outputs)
        std::cout << "collect_all " << key << ": " << value << "\n";
    const auto rows = statuses(connection);
    std::string all;
    for (const auto& [status, n] : rows)
        all += status + "=" + std::to_string(n) + " ";
    EXPECT_TRUE(result.status.ok()) << result.status.message;
    EXPECT_EQ(rows.count("creating"), 0u) << all;
    EXPECT_EQ(rows.count("unknown"), 0u) << all;
    // "created" counts what was written, and every order Jodo made was.
    const int unpaid = rows.count("unpaid") ? rows.at("unpaid") : 0;
    EXPECT_EQ(output(result, "created"), std::to_string(unpaid)) << all;
    EXPECT_EQ(std::size_t(unpaid), orders_at_jodo) << all;
    EXPECT_EQ(output(result, "created"), std::to_string(kInvoices)) << all;
    EXPECT_EQ(output(result, "errors"), "0");
    EXPECT_EQ(output(result, "unrecorded"), "0");
}
}  // namespace

TEST(BulkOutageTest, APostgresqlRestartMidRunStrandsNothing) {
    acceptance::ErpDatabase shared("postgresql");
    ACCEPTANCE_REQUIRE_DATABASE(shared);
    scaleout::DatabaseServer cluster("postgresql");
    std::string connection;
    ASSERT_NO_THROW(connection = cluster.start());
    BulkOutage rig(connection);
    const auto result = rig.run_through([&] {
        cluster.stop();  // -m fast: every connection is cut
        scaleout::sleep_ms(2300);
        cluster.start();
    });
    expect_nothing_stranded(result, connection, rig.h().sandbox().create_count());
}

// SQLite's outage: another process holds the file locked for 6 s, well past
// the busy timeout (Timeout=1000; the driver's waits add up to about 3 s), so
// the module's statements fail meanwhile.
TEST(BulkOutageTest, AnSqliteFileLockedMidRunStrandsNothing) {
    testing_support::TempDir dir;
    const std::string connection =
        "Driver=SQLite3;Database=" + (dir.path() / "erp.db").string() + ";Timeout=1000;";
    BulkOutage rig(connection);
    const auto result = rig.run_through([&] {
        Poco::Data::Session locker = erp_sql::open_odbc_session(connection);
        locker << "BEGIN EXCLUSIVE", now;
        scaleout::sleep_ms(6000);
        locker << "COMMIT", now;
    });
    expect_nothing_stranded(result, connection, rig.h().sandbox().create_count());
}
