#include "cli/LifecycleDemo.hpp"

#include <ostream>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "erp/ReferenceErp.hpp"
#include "host/PluginHost.hpp"
#include "host/SimHostServices.hpp"
#include "http/CheckoutPayer.hpp"
#include "sandbox/JodoSandbox.hpp"

namespace host_sim {

std::string sqlite_connection_string(const std::filesystem::path& file) {
    // Timeout: SQLite's busy wait, so concurrent writers queue instead of failing.
    return "Driver=SQLite3;Database=" + std::filesystem::absolute(file).string() +
           ";Timeout=10000;";
}

namespace {
const char* kPlugin = "jodo";

void step(std::ostream& out, int n, const std::string& text) {
    out << "\n[" << n << "] " << text << "\n";
}

bool show_result(std::ostream& out, const erp_plugin::ActionResult& result) {
    if (!result.status.ok()) {
        out << "    -> " << erp_plugin::to_string(result.status.code) << ": "
            << result.status.message << "\n";
        return false;
    }
    for (const auto& [key, value] : result.outputs)
        if (!value.empty() && key != "message")
            out << "    " << key << ": " << value << "\n";
    return true;
}

void show_table(std::ostream& out, ReferenceErp& erp) {
    out << "\n    ERP database (read back through ODBC):\n";
    const std::string table = format_status_table(erp.status_table());
    std::size_t start = 0;
    while (start < table.size()) {
        auto end = table.find('\n', start);
        out << "    " << table.substr(start, end - start) << "\n";
        start = end + 1;
    }
}
}  // namespace

int run_lifecycle_demo(const DemoOptions& options, std::ostream& out) {
    std::filesystem::create_directories(options.workdir);
    const auto db_file = options.workdir / "erp.db";
    std::string connection = options.connection_string;
    if (connection.empty()) {
        std::filesystem::remove(db_file);
        connection = sqlite_connection_string(db_file);
    }
    auto logger =
        spdlog::basic_logger_mt("host-sim-demo", (options.workdir / "host-sim.log").string(), true);
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::info);

    jodo::sandbox::SandboxOptions sandbox_options;
    sandbox_options.api_key = "demo_key";
    sandbox_options.api_secret = "demo_secret";
    jodo::sandbox::JodoSandbox sandbox(sandbox_options);
    sandbox.start();
    out << "Jodo sandbox listening on " << sandbox.base_url() << " (offline stand-in for Jodo)\n";

    ReferenceErp erp(connection);
    erp.migrate();
    for (const auto& invoice : ReferenceErp::sample_invoices())
        erp.add_invoice(invoice);
    out << "ERP database: " << (options.connection_string.empty() ? db_file.string() : "(given)")
        << ", " << ReferenceErp::sample_invoices().size() << " fee invoices\n";

    SimHostServices services(connection,
                             {{"jodo.base_url", sandbox.base_url()},
                              {"jodo.api_key", "demo_key"},
                              {"jodo.api_secret", "demo_secret"},
                              {"jodo.callback_url", "http://127.0.0.1:8080/erp/payment-return"}},
                             logger);
    PluginHost host(services);
    const LoadReport report = host.load_directory(options.plugin_dir);
    out << "Plugin directory " << options.plugin_dir.string() << ":\n";
    for (const auto& p : report.loaded)
        out << "  loaded  " << p.file.filename().string() << " (" << p.plugin->info().name << " "
            << p.plugin->info().version << ", interface " << p.version << ")\n";
    for (const auto& r : report.refused)
        out << "  refused " << r.file.filename().string() << ": " << r.reason << "\n";
    if (!host.find(kPlugin)) {
        out << "The Jodo plugin did not load; nothing to demonstrate.\n";
        return 1;
    }

    const std::string invoice = "INV-2026-0001";
    step(out, 1, "Accountant clicks \"Collect with Jodo\" on " + invoice);
    auto collected = host.run(kPlugin, "collect", invoice);
    if (!show_result(out, collected))
        return 1;
    const std::string* redirect = erp_plugin::find_field(collected.outputs, "redirect_url");
    const std::string* order_id = erp_plugin::find_field(collected.outputs, "order_id");
    show_table(out, erp);

    step(out, 2, "Clicking again does not create a second order");
    auto again = host.run(kPlugin, "collect", invoice);
    const std::string* again_order = erp_plugin::find_field(again.outputs, "order_id");
    out << "    same order: " << (again_order && *again_order == *order_id ? "yes" : "NO") << "\n";

    step(out, 3, "Payer opens " + *redirect + " and pays");
    pay_at_checkout(*redirect);
    out << "    Jodo recorded transaction " << sandbox.find(*order_id)->transaction_id << "\n";

    step(out, 4, "Refresh reads the order from Jodo");
    if (!show_result(out, host.run(kPlugin, "refresh", invoice)))
        return 1;
    show_table(out, erp);

    step(out, 5, "Jodo settles the payment to the institute's bank");
    for (const auto& utr : sandbox.settle(*order_id))
        out << "    settlement UTR " << utr << "\n";
    if (!show_result(out, host.run(kPlugin, "refresh", invoice)))
        return 1;

    step(out, 6, "An invoice with no payer phone is refused before anything reaches Jodo");
    const auto before = sandbox.api_request_count();
    show_result(out, host.run(kPlugin, "collect", "INV-2026-0003"));
    out << "    requests sent to Jodo for it: " << sandbox.api_request_count() - before << "\n";

    step(out, 7, "Final state, read back from the ERP database");
    show_table(out, erp);
    const auto rows = erp.status_table();
    bool settled = false;
    for (const auto& row : rows)
        if (row.invoice_id == invoice)
            settled = row.status == "settled" && !row.utr.empty();
    host.stop_all();
    sandbox.stop();
    out << "\nLog: " << (options.workdir / "host-sim.log").string() << "\n";
    if (options.connection_string.empty())
        out << "Check it yourself: sqlite3 " << db_file.string()
            << " \"SELECT invoice_id, status, order_id, paid_at, transaction_id FROM "
               "jodo_collections\"\n";
    out << (settled ? "Lifecycle complete: unpaid -> paid -> settled.\n"
                    : "Lifecycle did NOT complete.\n");
    return settled ? 0 : 1;
}

}  // namespace host_sim
