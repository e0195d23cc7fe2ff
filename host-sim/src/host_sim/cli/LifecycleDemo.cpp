#include "host_sim/cli/LifecycleDemo.hpp"

#include <chrono>
#include <ostream>
#include <thread>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "host_sim/cli/DemoSteps.hpp"
#include "host_sim/cli/StudentDemo.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/http/CheckoutPayer.hpp"
#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"

namespace host_sim {

std::string sqlite_connection_string(const std::filesystem::path& file) {
    // Timeout: SQLite's busy wait, so concurrent writers queue instead of failing.
    return "Driver=SQLite3;Database=" + std::filesystem::absolute(file).string() +
           ";Timeout=10000;";
}

namespace {
const char* kPlugin = "jodo";

// Webhooks are applied by the plugin's worker; the ERP screen simply sees
// the row change. Polls the database like a screen refresh would.
std::string wait_for_status(ReferenceErp& erp, const std::string& invoice,
                            const std::string& wanted) {
    std::string seen;
    for (int i = 0; i < 100; ++i) {
        for (const auto& row : erp.status_table())
            if (row.invoice_id == invoice)
                seen = row.status;
        if (seen == wanted)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return seen;
}

void show_inbox(std::ostream& out, ReferenceErp& erp) {
    out << "\n    Webhook events received (jodo_webhook_inbox):\n";
    for (const auto& event : erp.inbox_events())
        out << "    " << event.received_at << "  " << event.event << "  " << event.order_id << "  "
            << event.state << "  " << event.note << "\n";
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
    erp.add_sample_students();
    out << "ERP database: " << (options.connection_string.empty() ? db_file.string() : "(given)")
        << ", " << ReferenceErp::sample_invoices().size()
        << " fee invoices, sample students and counter receipts\n";

    // The webhook secret is shared between Jodo (here the sandbox) and the plugin.
    const std::string webhook_secret = "demo_webhook_secret";
    SimHostServices services(connection,
                             {{"jodo.base_url", sandbox.base_url()},
                              {"jodo.api_key", "demo_key"},
                              {"jodo.api_secret", "demo_secret"},
                              {"jodo.callback_url", "http://127.0.0.1:8080/erp/payment-return"},
                              {"jodo.webhook.secret", webhook_secret},
                              {"jodo.webhook.worker_interval_ms", "250"}},
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
    PluginHttpServer endpoint(host.plugins());
    endpoint.start();
    jodo::sandbox::WebhookOptions webhooks;
    webhooks.url = endpoint.base_url() + "/webhooks/jodo";
    webhooks.secret = webhook_secret;
    sandbox.set_webhooks(webhooks);
    out << "ERP webhook endpoint " << webhooks.url << " (signed with X-Jodo-Signature)\n";

    const std::string invoice = "INV-2026-0001";
    demo_step(out, 1, "Accountant clicks \"Collect with Jodo\" on " + invoice);
    auto collected = host.run(kPlugin, "collect", invoice);
    if (!show_result(out, collected))
        return 1;
    const std::string order_id = *erp_plugin::find_field(collected.outputs, "order_id");
    const std::string redirect = *erp_plugin::find_field(collected.outputs, "redirect_url");
    show_table(out, erp);

    demo_step(out, 2, "Clicking again does not create a second order");
    auto again = host.run(kPlugin, "collect", invoice);
    const std::string* again_order = erp_plugin::find_field(again.outputs, "order_id");
    out << "    same order: " << (again_order && *again_order == order_id ? "yes" : "NO")
        << "; orders Jodo holds: " << sandbox.create_count() << "\n";

    demo_step(out, 3, "Payer opens " + redirect + " and pays; Jodo sends order.payment.debited");
    pay_at_checkout(redirect);
    out << "    Jodo recorded transaction " << sandbox.find(order_id)->transaction_id << "\n";
    out << "    ERP status after the webhook (no one pressed Refresh): "
        << wait_for_status(erp, invoice, "paid") << "\n";

    demo_step(out, 4, "Jodo settles to the institute's bank; Jodo sends order.payment.settled");
    for (const auto& utr : sandbox.settle(order_id))
        out << "    settlement UTR " << utr << "\n";
    out << "    ERP status after the webhook: " << wait_for_status(erp, invoice, "settled") << "\n";

    const std::string link_invoice = "INV-2026-0002";
    demo_step(out, 5,
              "Accountant sends a payment link for " + link_invoice + "; the payer pays it");
    auto link = host.run(kPlugin, "send_link", link_invoice);
    if (!show_result(out, link))
        return 1;
    pay_at_checkout(*erp_plugin::find_field(link.outputs, "redirect_url"));
    out << "    ERP status after payment_link.payment.debited: "
        << wait_for_status(erp, link_invoice, "paid") << "\n";

    const std::string expiring = "INV-2026-0004";
    demo_step(out, 6, "A payment link for " + expiring + " is never paid and expires");
    auto unpaid_link = host.run(kPlugin, "send_link", expiring);
    if (!show_result(out, unpaid_link))
        return 1;
    sandbox.expire_now(*erp_plugin::find_field(unpaid_link.outputs, "order_id"));
    out << "    ERP status after payment_link.payment.expired: "
        << wait_for_status(erp, expiring, "expired") << "\n";

    demo_step(out, 7, "An invoice with no payer phone is refused before anything reaches Jodo");
    const auto before = sandbox.api_request_count();
    show_result(out, host.run(kPlugin, "collect", "INV-2026-0003"));
    out << "    requests sent to Jodo for it: " << sandbox.api_request_count() - before << "\n";

    const bool students = run_student_demo(host, sandbox, erp, 8, out);

    demo_step(out, 11, "Final state, read back from the ERP database");
    sandbox.wait_for_webhooks(5000);
    show_table(out, erp);
    show_inbox(out, erp);
    const auto rows = erp.status_table();
    auto status_of = [&](const std::string& id) {
        for (const auto& row : rows)
            if (row.invoice_id == id)
                return row.status + (row.utr.empty() ? "" : "+utr");
        return std::string();
    };
    const bool complete = status_of(invoice) == "settled+utr" &&
                          status_of(link_invoice) == "paid" && status_of(expiring) == "expired" &&
                          status_of("INV-2026-0003") == "rejected" && students;
    sandbox.stop();
    endpoint.stop();
    host.stop_all();
    out << "\nLog: " << (options.workdir / "host-sim.log").string() << "\n";
    if (options.connection_string.empty())
        out << "Check it yourself: sqlite3 " << db_file.string()
            << " \"SELECT invoice_id, kind, status, order_id, paid_at, transaction_id FROM "
               "jodo_collections\"\n";
    out << (complete
                ? "Lifecycle complete: unpaid -> paid -> settled by webhook; link paid; link "
                  "expired; bad "
                  "invoice refused; students synced once, a parent's payment posted once, counter "
                  "receipts sent.\n"
                : "Lifecycle did NOT complete.\n");
    return complete ? 0 : 1;
}

}  // namespace host_sim
