// A create that outlives the reconciler's first check: the reconciler takes
// the still-'creating' intent for one left by a dead process and marks it
// 'unknown' (a Pay Order: 'abandoned'); then Jodo's answer arrives. An answer that says nothing was
// created (503 until the retry budget ran out) must still end as 'failed',
// freeing the invoice, not leave it blocked as 'unknown' until an accountant
// releases it.
#include <chrono>
#include <thread>

#include <Poco/Nullable.h>
#include <Poco/Tuple.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include "host_sim/cli/LifecycleDemo.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"
#include "support/TempDir.hpp"

using namespace Poco::Data::Keywords;

namespace {

TEST(SlowCreate, RefusedAfterTheReconcilerGaveUpOnItStillEndsFailed) {
    testing_support::TempDir dir;
    const std::string connection = host_sim::sqlite_connection_string(dir.path() / "erp.db");
    host_sim::ReferenceErp erp(connection);
    erp.migrate();
    erp.add_invoice(host_sim::ReferenceErp::sample_invoices().front());
    const std::string invoice = host_sim::ReferenceErp::sample_invoices().front().invoice_id;

    jodo::sandbox::JodoSandbox sandbox;
    sandbox.start();
    // Three 503s, each asking for a 1 s wait: after two waits the third would
    // pass the 2.5 s budget, so the create ends refused after about 2 s.
    sandbox.inject_next(3, {jodo::sandbox::FaultKind::status_503, 0, 1}, "POST");

    host_sim::SimHostServices services(
        connection,
        {{"jodo.base_url", sandbox.base_url()},
         {"jodo.api_key", "sandbox_key"},
         {"jodo.api_secret", "sandbox_secret"},
         {"jodo.retry.max_attempts", "4"},
         {"jodo.retry.max_total_ms", "2500"},
         {"jodo.reconcile.first_check_s", "1"},
         {"jodo.reconcile.creating_grace_s", "1"},
         {"jodo.reconcile.interval_ms", "100"},
         {"jodo.webhook.worker_interval_ms", "0"}},
        std::make_shared<spdlog::logger>("slow-create",
                                         std::make_shared<spdlog::sinks::null_sink_mt>()));
    host_sim::PluginHost host(services);
    host.load_directory(JODO_PLUGIN_DIR);
    ASSERT_NE(host.find("jodo"), nullptr);

    const auto started = std::chrono::steady_clock::now();
    const auto result = host.run("jodo", "collect", invoice);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_FALSE(result.status.ok());
    EXPECT_GE(took, std::chrono::milliseconds(1500)) << "the create must outlive the first check";
    EXPECT_EQ(sandbox.create_count(), 0u);

    std::vector<Poco::Tuple<std::string, short, Poco::Nullable<std::string>>> rows;
    std::string id = invoice;
    erp.session() << "SELECT status, active, error_reason FROM jodo_collections "
                     "WHERE invoice_id = ?",
        use(id), into(rows), now;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].get<0>(), "failed");  // from the reconciler's "abandoned"
    EXPECT_EQ(rows[0].get<1>(), 0);

    // The invoice is free again: collecting now makes the one order.
    EXPECT_TRUE(host.run("jodo", "collect", invoice).status.ok());
    EXPECT_EQ(sandbox.create_count(), 1u);
    host.stop_all();
}

}  // namespace
