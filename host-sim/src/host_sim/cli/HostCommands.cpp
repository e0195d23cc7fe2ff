#include "host_sim/cli/HostCommands.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <ostream>
#include <stdexcept>
#include <thread>

#include <unistd.h>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "host_sim/cli/OutputListing.hpp"
#include "host_sim/cli/ProgressBar.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/erp/SampleInvoices.hpp"
#include "host_sim/host/DeclaredSettings.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/screen/InvoiceScreen.hpp"
#include "host_sim/screen/SchoolDay.hpp"
#include "host_sim/screen/ScreenRequestHandler.hpp"

namespace host_sim {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
    g_stop = true;
}

// stderr, and the administrator's rotating log file when configured.
std::shared_ptr<spdlog::logger> host_logger(const HostConfig& config) {
    std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_sink_mt>()};
    if (!config.log_file.empty())
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            config.log_file.string(), std::size_t(config.log_file_mb) * 1024 * 1024,
            std::size_t(config.log_files)));
    auto logger = std::make_shared<spdlog::logger>("host-sim", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::from_str(config.log_level));
    logger->flush_on(spdlog::level::info);
    return logger;
}

// Loads and starts the configured plugins; one line per refusal.
struct RunningHost {
    explicit RunningHost(const HostConfig& config)
        : services(config.database, read_settings_file(config.file.string()), host_logger(config)),
          host(services) {
        host.set_setting_places(read_setting_places(config.file.string()));
        report = host.load_directory(config.plugins);
    }
    SimHostServices services;
    PluginHost host;
    LoadReport report;
};

void print_refusals(const LoadReport& report, std::ostream& out) {
    for (const auto& r : report.refused)
        out << "refused " << r.file.filename().string() << ": " << r.reason << "\n";
}

}  // namespace

int command_init(const HostConfig& config, bool sample, std::ostream& out,
                 long long sample_invoices) {
    ReferenceErp erp(config.database);
    erp.migrate();
    if (sample) {
        for (const auto& invoice : ReferenceErp::sample_invoices())
            erp.add_invoice(invoice);
        erp.add_sample_students();
    }
    out << "reference ERP tables ready"
        << (sample ? ", sample invoices, students and counter receipts added" : "") << "\n";
    if (sample && sample_invoices > 0) {
        const auto started = std::chrono::steady_clock::now();
        const auto added = add_sample_invoices(erp, sample_invoices);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        out << added << " generated sample invoices added (" << sample_invoices
            << " in the ERP now) in " << ms << " ms\n";
    }
    // Starting the modules once creates their own tables (the Jodo module's
    // jodo_*), so `check`, which never creates tables, finds them. (Without a
    // configuration file there are no module settings: the ERP alone.)
    if (config.file.empty())
        return 0;
    RunningHost running(config);
    print_refusals(running.report, out);
    if (running.host.find("jodo"))
        out << "Jodo module tables ready\n";
    return 0;
}

int command_settings(const HostConfig& config, std::ostream& out) {
    const auto settings = read_settings_file(config.file.string());
    const auto places = read_setting_places(config.file.string());
    const auto report = load_plugin_directory(config.plugins);
    int problems = 0;
    std::vector<std::string> ids;
    for (const auto& p : report.loaded) {
        const std::string id = p.plugin->info().id;
        ids.push_back(id);
        const auto declared = p.plugin->settings();
        out << "[" << id << "] " << declared.size() << " settings\n"
            << render_declared_settings(declared, settings);
        for (const auto& problem : check_declared_settings(id, declared, settings, places)) {
            out << "problem: " << problem << "\n";
            ++problems;
        }
    }
    for (const auto& problem : check_unclaimed_sections(ids, settings, places)) {
        out << "problem: " << problem << "\n";
        ++problems;
    }
    for (const auto& r : report.refused)
        out << "refused " << r.file.string() << ": " << r.reason << "\n";
    return problems == 0 && report.refused.empty() ? 0 : 1;
}

int command_action(const HostConfig& config, const std::string& action, const std::string& invoice,
                   const erp_plugin::Fields& parameters, std::ostream& out) {
    RunningHost running(config);
    print_refusals(running.report, out);
    erp_plugin::Plugin* plugin = running.host.find("jodo");
    if (!plugin)
        return 1;
    erp_plugin::ActionRequest request;
    request.action = action;
    // The record an action applies to (an invoice, a student) is the one the
    // plugin lists it with; an unlisted action gets the plugin's own refusal.
    request.record_type = invoice.empty() ? "batch" : "invoice";
    for (const auto& info : plugin->actions())
        if (info.name == action && info.record_type != "batch" && !invoice.empty())
            request.record_type = info.record_type;
    request.record_id = invoice;
    request.parameters = parameters;
    // The report's days are the school's ([host] timezone), as on the screen.
    if (action == "settlement_report" && !erp_plugin::find_field(parameters, "utc_offset"))
        request.parameters.emplace_back(
            "utc_offset", screen::school_utc_offset(running.services.now_unix_millis() / 1000));
    TerminalProgressBar bar(std::cerr, isatty(STDERR_FILENO) == 1);
    running.services.on_progress([&bar](const erp_plugin::JobProgress& p) { bar.draw(p); });
    const auto result = plugin->run_action(request);
    running.services.on_progress({});
    if (!result.status.ok()) {
        out << erp_plugin::to_string(result.status.code) << ": " << result.status.message << "\n";
        return 1;
    }
    for (const auto& [key, value] : result.outputs)
        if (!value.empty())
            print_output(out, key, value);
    return 0;
}

int command_serve(const HostConfig& config, int seconds, std::ostream& out) {
    RunningHost running(config);
    print_refusals(running.report, out);
    if (running.report.loaded.empty())
        return 1;
    // Enough descriptors for the endpoint's bound on connections (4096).
    raise_descriptor_limit_for_http();
    PluginHttpServer server(running.host.plugins(), "127.0.0.1",
                            static_cast<std::uint16_t>(config.http_port));
    std::unique_ptr<screen::InvoiceScreen> invoices;
    for (const auto& loaded : running.host.plugins())
        if (loaded.plugin->info().id == "jodo")
            invoices = std::make_unique<screen::InvoiceScreen>(loaded.plugin, running.services,
                                                               config.database);
    if (invoices) {
        invoices->set_school_name(config.school_name);
        server.serve_others(new screen::ScreenRequestHandlers(*invoices));
    }
    server.start();
    out << "serving plugin routes on " << server.base_url() << std::endl;
    if (invoices)
        out << "invoice screen: " << server.base_url() << "/erp/invoices" << std::endl;
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!g_stop && (seconds <= 0 || std::chrono::steady_clock::now() < until))
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
    invoices.reset();  // waits for bulk jobs: the plugin must not stop under them
    running.host.stop_all();
    out << "stopped" << std::endl;
    return 0;
}

int command_invoices(const HostConfig& config, std::ostream& out) {
    ReferenceErp erp(config.database);
    out << format_status_table(erp.status_table());
    return 0;
}

}  // namespace host_sim
