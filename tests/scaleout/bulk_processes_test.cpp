// Item 4 of issue 5: three host-sim processes against one PostgreSQL share
// bulk collection and reconciliation by claiming rows: sixty invoices, sixty
// orders, and every collection checked exactly once.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "support/ErpDatabases.hpp"
#include "support/ScaleRig.hpp"

using scaleout::Exit;
using scaleout::PrivateDatabase;
using scaleout::ScaleRig;
using scaleout::Subprocess;

namespace {
constexpr int kInvoices = 60;
constexpr int kProcesses = 3;

// Starts `kProcesses` copies of the same command together and waits for all.
std::vector<Exit> all_at_once(ScaleRig& rig, const std::vector<std::string>& args,
                              const std::filesystem::path& config) {
    std::vector<std::unique_ptr<Subprocess>> running;
    for (int i = 0; i < kProcesses; ++i)
        running.push_back(rig.spawn(args, config));
    std::vector<Exit> exits;
    for (auto& p : running)
        exits.push_back(p->wait(60000));
    return exits;
}
}  // namespace

// Three processes need a server database: PostgreSQL and MariaDB.
class BulkProcesses : public testing::TestWithParam<std::string> {};

TEST_P(BulkProcesses, ThreeCollectAllAndThreeReconcileProcessesShareTheRows) {
    PrivateDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ScaleRig rig(db.connection_string());
    const auto invoices = rig.add_invoices(kInvoices);
    // New collections are due for their first check after 1 s; the reconciling
    // processes schedule the next check 20 minutes on, so a second check of
    // the same row during this test could only come from a double claim.
    const auto collect_config = rig.write_config("collect");
    const auto reconcile_config =
        rig.write_config("reconcile", {{"reconcile.first_check_s", "600"}});

    const auto collected = all_at_once(rig, {"action", "collect_all"}, collect_config);
    for (const auto& e : collected) {
        ASSERT_TRUE(e.ok()) << e.describe();
        // A process that starts later sees only the invoices still uncollected;
        // each one it saw was created, found collected, or found being collected.
        EXPECT_EQ(scaleout::field(e.out, "refused"), "0") << e.out;
        EXPECT_EQ(scaleout::sum_field({e}, "created") +
                      scaleout::sum_field({e}, "already_collected") +
                      scaleout::sum_field({e}, "errors"),
                  scaleout::sum_field({e}, "invoices"))
            << e.out;
    }
    EXPECT_EQ(scaleout::sum_field(collected, "created"), kInvoices);
    EXPECT_EQ(rig.sandbox().create_count(), static_cast<std::size_t>(kInvoices));
    const auto order_ids = rig.sandbox().order_ids();
    ASSERT_EQ(order_ids.size(), static_cast<std::size_t>(kInvoices));
    std::map<std::string, int> orders_per_invoice;
    for (const auto& id : order_ids)
        ++orders_per_invoice[scaleout::invoice_of(*rig.sandbox().find(id))];
    const auto rows = rig.collections();
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(kInvoices));
    std::set<std::string> recorded_orders;
    for (const auto& row : rows) {
        EXPECT_EQ(row.active, 1) << row.invoice_id;
        EXPECT_EQ(row.status, "unpaid") << row.invoice_id;
        EXPECT_EQ(orders_per_invoice[row.invoice_id], 1) << row.invoice_id;
        EXPECT_TRUE(recorded_orders.insert(row.order_id).second) << row.order_id;
        EXPECT_EQ(scaleout::invoice_of(*rig.sandbox().find(row.order_id)), row.invoice_id);
    }
    for (const auto& invoice : invoices)
        EXPECT_EQ(orders_per_invoice[invoice], 1) << invoice;

    // Everybody pays; no webhook is sent, so only reconciliation can tell.
    for (const auto& row : rows)
        rig.sandbox().pay(row.order_id);
    scaleout::sleep_ms(1200);  // past every first check
    const std::size_t requests_before = rig.sandbox().api_request_count();
    const auto reconciled = all_at_once(rig, {"action", "reconcile"}, reconcile_config);
    std::string shares;
    for (const auto& e : reconciled) {
        ASSERT_TRUE(e.ok()) << e.describe();
        EXPECT_EQ(scaleout::field(e.out, "errors"), "0") << e.out;
        shares += scaleout::field(e.out, "checked") + " ";
    }
    EXPECT_EQ(scaleout::sum_field(reconciled, "checked"), kInvoices) << "per process: " << shares;
    EXPECT_EQ(scaleout::sum_field(reconciled, "changed"), kInvoices) << "per process: " << shares;
    // One Get Pay Order per collection: no row was checked twice.
    EXPECT_EQ(rig.sandbox().api_request_count() - requests_before,
              static_cast<std::size_t>(kInvoices));
    for (const auto& row : rig.collections())
        EXPECT_EQ(row.status, "paid") << row.invoice_id;
    RecordProperty("reconcile_checked_per_process", shares);
}

INSTANTIATE_TEST_SUITE_P(Databases, BulkProcesses, testing::Values("postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
