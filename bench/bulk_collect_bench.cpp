// Prints how fast collect_all turns open invoices into Jodo orders: N fresh
// invoices, one collect_all through the built module, the ERP database through
// ODBC (SQLite on the real disk with fsync on unless --db names another), the
// sandbox over HTTP on 127.0.0.1 answering after --latency-ms. The module is
// taken from --plugins (default: build/plugins), so an older build can be
// measured against the same sandbox and database in the same way.
//
//   bulk-collect-bench [--invoices N] [--latency-ms L] [--db ODBC] [--plugins DIR]
//                      [--workdir DIR] [--concurrency C]
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <thread>

#include <spdlog/sinks/null_sink.h>
#include <boost/dll/runtime_symbol_info.hpp>

#include "host_sim/cli/LifecycleDemo.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"

int main(int argc, char** argv) {
    int invoices = 2000, latency_ms = 0;
    std::string connection, concurrency = "32";
    auto plugins =
        std::filesystem::path(boost::dll::program_location()).parent_path().parent_path() /
        "plugins";
    // The real disk, never tmpfs: commits cost what they cost in production.
    std::filesystem::path workdir = std::filesystem::current_path() / "bulk-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i], value = argv[i + 1];
        if (arg == "--invoices")
            invoices = std::stoi(value);
        else if (arg == "--latency-ms")
            latency_ms = std::stoi(value);
        else if (arg == "--db")
            connection = value;
        else if (arg == "--plugins")
            plugins = value;
        else if (arg == "--workdir")
            workdir = value;
        else if (arg == "--concurrency")
            concurrency = value;
    }
    if (connection.empty()) {
        std::filesystem::create_directories(workdir);
        std::filesystem::remove(workdir / "erp.db");
        connection = host_sim::sqlite_connection_string(workdir / "erp.db");
    }
    jodo::sandbox::SandboxOptions sandbox_options;
    jodo::sandbox::JodoSandbox sandbox(sandbox_options);
    sandbox.start();
    host_sim::ReferenceErp erp(connection);
    erp.migrate();
    // A grade of this run's own selects its invoices in a shared database.
    const std::string run =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 100000000);
    const std::string grade = "Bench " + run;
    std::vector<host_sim::SampleInvoice> batch;
    for (int i = 0; i < invoices; ++i)
        batch.push_back({"K" + run + "-" + std::to_string(i),
                         "KP" + run + "-" + std::to_string(i),
                         "Payer " + std::to_string(i),
                         "9876543210",
                         "payer@example.com",
                         "Student",
                         grade,
                         "Bench",
                         {{"TUITION_FEE", "12345.67"}, {"LAB_FEE", "500.00"}},
                         "",
                         ""});
    erp.add_invoices(batch);

    auto logger =
        std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
    host_sim::SimHostServices services(connection,
                                       {{"jodo.base_url", sandbox.base_url()},
                                        {"jodo.api_key", sandbox_options.api_key},
                                        {"jodo.api_secret", sandbox_options.api_secret},
                                        {"jodo.webhook.secret", "bench"},
                                        {"jodo.webhook.worker_interval_ms", "0"},
                                        {"jodo.reconcile.interval_ms", "0"},
                                        {"jodo.bulk.concurrency", concurrency}},
                                       logger);
    host_sim::PluginHost host(services);
    host.load_directory(plugins);
    auto* plugin = host.find("jodo");
    if (!plugin) {
        std::cerr << "the Jodo plugin did not load from " << plugins << "\n";
        return 1;
    }
    if (latency_ms > 0)
        sandbox.set_chaos({1.0, {jodo::sandbox::FaultKind::slow}, latency_ms, 1, ""});

    erp_plugin::ActionRequest request;
    request.action = "collect_all";
    request.record_type = "batch";
    request.parameters = {{"grade", grade}};
    const auto start = std::chrono::steady_clock::now();
    const auto result = plugin->run_action(request);
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string created = "?";
    if (const auto* c = erp_plugin::find_field(result.outputs, "created"))
        created = *c;
    std::cout << std::fixed << std::setprecision(1) << "bulk-collect-bench: " << invoices
              << " invoices, latency " << latency_ms << " ms, concurrency " << concurrency << ", "
              << (connection.find("SQLite") != std::string::npos       ? "SQLite"
                  : connection.find("PostgreSQL") != std::string::npos ? "PostgreSQL"
                                                                       : "MariaDB")
              << ", module " << plugins.string() << "\n  collect_all: " << s << " s, "
              << (invoices / s) << " invoices/s, created " << created << ", orders at Jodo "
              << sandbox.create_count() << ", status " << erp_plugin::to_string(result.status.code)
              << "\n";
    host.stop_all();
    return sandbox.create_count() == std::size_t(invoices) ? 0 : 1;
}
