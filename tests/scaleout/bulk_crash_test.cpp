// Issue 10: a host killed in the middle of collect_all's batches (after a
// chunk's intents were committed, while its creates are in flight, after an
// outcome batch was committed) leaves only states the reconciler and the
// webhooks resolve. A restarted collect_all, the reconciler, the payers'
// webhooks and an accountant's release of what was never sent end with
// exactly one order per invoice at Jodo, each invoice paid on it, and one ERP
// write-back and one receipt per order.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <set>
#include <tuple>

#include <Poco/Data/Statement.h>

#include "support/ErpDatabases.hpp"
#include "support/Invariants.hpp"
#include "support/ScaleRig.hpp"

using namespace Poco::Data::Keywords;
using scaleout::Exit;
using scaleout::PrivateDatabase;
using scaleout::ScaleRig;

namespace {
constexpr int kInvoices = 20;

// Small chunks and few requests in flight, so a kill in the first chunk
// leaves intents unsent, creates unanswered and later chunks unread.
const std::map<std::string, std::string> kBulk = {{"bulk.chunk_size", "8"},
                                                  {"bulk.concurrency", "4"}};

std::map<std::string, std::size_t> orders_per_invoice(ScaleRig& rig) {
    std::map<std::string, std::size_t> out;
    for (const auto& id : rig.sandbox().order_ids())
        ++out[scaleout::invoice_of(*rig.sandbox().find(id))];
    return out;
}
}  // namespace

class BulkCrash : public testing::TestWithParam<std::tuple<std::string, std::string>> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<PrivateDatabase>(std::get<0>(GetParam()));
        ACCEPTANCE_REQUIRE_DATABASE(*db_);
        rig_ = std::make_unique<ScaleRig>(db_->connection_string());
        rig_->use_plugin_dir(JODO_TEST_HOOKS_PLUGIN_DIR);
        config_ = rig_->write_config("host", kBulk);
    }
    Exit run(const std::vector<std::string>& args) { return rig_->run(args, config_); }

    std::unique_ptr<PrivateDatabase> db_;
    std::unique_ptr<ScaleRig> rig_;
    std::filesystem::path config_;
};

TEST_P(BulkCrash, KilledMidBatchEndsWithOneOrderPerInvoice) {
    ScaleRig& rig = *rig_;
    const std::vector<std::string> invoices = rig.add_invoices(kInvoices);
    const std::string point = std::get<1>(GetParam());

    const Exit died = rig.run({"action", "collect_all"}, config_, {{"JODO_CRASH_AT", point}});
    ASSERT_EQ(died.signal, SIGKILL) << died.describe();
    const std::size_t orders_at_kill = rig.sandbox().create_count();
    if (point == "bulk.after_intents") {
        EXPECT_EQ(orders_at_kill, 0u);  // the intents are committed before any request
    } else {
        EXPECT_GE(orders_at_kill, 1u);
    }
    for (const auto& row : rig.collections())
        EXPECT_TRUE(row.status == "creating" || row.status == "unpaid")
            << row.invoice_id << ": " << row.status;

    // The restarted run collects the rest and leaves the dead run's intents alone.
    const Exit again = run({"action", "collect_all"});
    ASSERT_TRUE(again.ok()) << again.describe();
    for (const auto& [invoice, orders] : orders_per_invoice(rig))
        EXPECT_EQ(orders, 1u) << invoice;
    // The reconciler releases what the dead run left 'creating'.
    scaleout::sleep_ms(1100);
    const Exit reconciled = run({"action", "reconcile"});
    ASSERT_TRUE(reconciled.ok()) << reconciled.describe();
    EXPECT_TRUE(scaleout::invariant_violations(rig).empty())
        << scaleout::joined(scaleout::invariant_violations(rig));

    // Payers pay every order: the webhooks name our collection, so an order
    // whose answer died with the process is attached and paid.
    const auto serve_config =
        rig.write_config("serve", {{"webhook.worker_interval_ms", "50"}, {"bulk.chunk_size", "8"}});
    std::string url;
    auto server = rig.serve(serve_config, &url);
    ASSERT_FALSE(url.empty()) << server->err();
    rig.send_webhooks_to(url);
    auto pay_everything = [&] {
        std::set<std::string> paid;
        for (const auto& id : rig.sandbox().order_ids())
            if (rig.sandbox().find(id)->status != "paid") {
                rig.sandbox().pay(id);
                paid.insert(scaleout::invoice_of(*rig.sandbox().find(id)));
            }
        for (const auto& invoice : paid)
            EXPECT_EQ(rig.wait_for_status(invoice, "paid", 20000), "paid") << invoice;
    };
    pay_everything();

    // What was recorded but never sent was released by the reconciler (no
    // payer can have reached an order that was never made): collected again.
    const auto orders = orders_per_invoice(rig);
    int released = 0;
    for (const auto& invoice : invoices) {
        if (orders.count(invoice))
            continue;
        const auto rows = rig.collections(invoice);
        ASSERT_FALSE(rows.empty()) << invoice;
        EXPECT_EQ(rows[0].status, "abandoned") << invoice;
        ++released;
    }
    if (point == "bulk.after_intents") {
        EXPECT_EQ(released, 8);  // the whole first chunk
    }
    if (released > 0) {
        const Exit last = run({"action", "collect_all"});
        ASSERT_TRUE(last.ok()) << last.describe();
        EXPECT_EQ(scaleout::field(last.out, "created"), std::to_string(released)) << last.out;
        pay_everything();
    }

    // Exactly one order per invoice, paid, written back once, one receipt each.
    const auto final_orders = orders_per_invoice(rig);
    EXPECT_EQ(rig.sandbox().create_count(), std::size_t(kInvoices));
    auto session = rig.session();
    for (const auto& invoice : invoices) {
        ASSERT_EQ(final_orders.count(invoice), 1u) << invoice;
        EXPECT_EQ(final_orders.at(invoice), 1u) << invoice;
        std::string id = invoice, order_id, status;
        int receipts = 0;
        session << "SELECT jodo_order_id, jodo_status FROM erp_invoices WHERE invoice_id = ?",
            into(order_id), into(status), use(id), now;
        session << "SELECT COUNT(*) FROM erp_receipts WHERE invoice_id = ?", into(receipts),
            use(id), now;
        std::string held;
        for (const auto& o : rig.sandbox().order_ids())
            if (scaleout::invoice_of(*rig.sandbox().find(o)) == invoice)
                held = o;
        EXPECT_EQ(order_id, held) << invoice;
        EXPECT_EQ(status, "paid") << invoice;
        EXPECT_EQ(receipts, 1) << invoice;
    }
    EXPECT_TRUE(scaleout::invariant_violations(rig).empty())
        << scaleout::joined(scaleout::invariant_violations(rig));
}

INSTANTIATE_TEST_SUITE_P(Points, BulkCrash,
                         testing::Combine(testing::Values("sqlite", "postgresql", "mariadb"),
                                          testing::Values("bulk.after_intents", "bulk.mid_creates",
                                                          "bulk.after_outcomes")),
                         [](const auto& info) {
                             std::string point = std::get<1>(info.param).substr(5);
                             return std::get<0>(info.param) + "_" + point;
                         });
