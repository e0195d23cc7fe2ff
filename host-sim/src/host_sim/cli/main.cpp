// host-sim: an ERP host that loads plugins the way a real one does.
//
//   host-sim demo [--workdir DIR] [--plugins DIR] [--db ODBC-CONNECTION-STRING]
//   host-sim plugins [--plugins DIR]     (exit 1 when any plugin is refused)
//   host-sim init --config FILE [--sample [--invoices N]]
//   host-sim action ACTION [RECORD] --config FILE   (RECORD: an invoice, or a student)
//   host-sim serve --config FILE [--seconds N]
//   host-sim invoices --config FILE
//   host-sim --version
// (The chaos run is a test tool of its own: jodo-chaos, tests/tools/chaos.)
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include <Poco/Exception.h>
#include <boost/dll/runtime_symbol_info.hpp>

#include "host_sim/cli/HostCommands.hpp"
#include "host_sim/cli/LifecycleDemo.hpp"
#include "host_sim/host/IniFile.hpp"
#include "host_sim/host/OdbcFailure.hpp"
#include "host_sim/loader/PluginLoader.hpp"

namespace {

std::filesystem::path program_prefix() {
    return std::filesystem::path(boost::dll::program_location()).parent_path().parent_path();
}

// The build tree's build/plugins (build/bin/host-sim); installed, the
// documented plugin directory <prefix>/lib/erp-host/plugins (bin/host-sim).
std::filesystem::path default_plugin_dir() {
    const auto build_tree = program_prefix() / "plugins";
    if (std::filesystem::is_directory(build_tree))
        return build_tree;
    return program_prefix() / HOST_SIM_INSTALLED_PLUGIN_DIR;
}

int usage() {
    std::cerr
        << "usage: host-sim demo [--workdir DIR] [--plugins DIR] [--db CONNECTION]\n"
           "       host-sim plugins [--plugins DIR]\n"
           "       host-sim init --config FILE [--sample [--invoices N]]\n"
           "       host-sim action ACTION [INVOICE|STUDENT] [--param NAME=VALUE ...] --config "
           "FILE\n"
           "         (collect, send_link, cancel_link, refresh, release_unknown with an invoice;\n"
           "          reconcile, process_webhooks,\n"
           "          collect_all [--param grade=...] without)\n"
           "       host-sim check --config FILE      (before going live: exit 1 when anything "
           "fails)\n"
           "       host-sim settings --config FILE   (every declared setting, and what is wrong)\n"
           "       host-sim serve --config FILE [--seconds N]   (webhooks and the invoice screen,\n"
           "         http://127.0.0.1:PORT/erp/invoices)\n"
           "       host-sim invoices --config FILE\n"
           "       host-sim --version\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    // A peer that resets a TLS connection must cost an exception, not the
    // process: OpenSSL writes with plain write(), which raises SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    if (argc < 2)
        return usage();
    const std::string command = argv[1];
    if (command == "--version") {
        std::cout << "host-sim " << HOST_SIM_VERSION << "\n";
        return 0;
    }
    host_sim::DemoOptions options;
    options.plugin_dir = default_plugin_dir();
    std::string config_file;
    bool sample = false;
    int seconds = 0;
    long long invoices = 0;
    std::vector<std::string> positional;
    erp_plugin::Fields parameters;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--sample") {
            sample = true;
        } else if (arg.rfind("--", 0) == 0 && !has_value) {
            return usage();
        } else if (arg == "--workdir") {
            options.workdir = argv[++i];
        } else if (arg == "--plugins") {
            options.plugin_dir = argv[++i];
        } else if (arg == "--db") {
            options.connection_string = argv[++i];
        } else if (arg == "--param") {
            const std::string pair = argv[++i];
            const auto eq = pair.find('=');
            if (eq == std::string::npos || eq == 0)
                return usage();
            parameters.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
        } else if (arg == "--config") {
            config_file = argv[++i];
        } else if (arg == "--invoices") {
            invoices = std::stoll(argv[++i]);
            if (invoices < 0 || invoices > 10000000)
                return usage();
        } else if (arg == "--seconds") {
            seconds = std::stoi(argv[++i]);
        } else if (arg.rfind("--", 0) == 0) {
            return usage();
        } else {
            positional.push_back(arg);
        }
    }
    std::string database;  // for a summary of an ODBC failure
    try {
        if (command == "demo")
            return host_sim::run_lifecycle_demo(options, std::cout);
        if (command == "plugins") {
            const auto report = host_sim::load_plugin_directory(options.plugin_dir);
            for (const auto& p : report.loaded)
                std::cout << "loaded  " << p.file.string() << " (" << p.plugin->info().id
                          << ", interface " << p.version << ")\n";
            for (const auto& r : report.refused)
                std::cout << "refused " << r.file.string() << ": " << r.reason << "\n";
            // A script checking a deployment must see a refusal, not only read it.
            return report.refused.empty() ? 0 : 1;
        }
        if (config_file.empty())
            return usage();
        const auto config = host_sim::read_host_config(config_file, options.plugin_dir);
        database = config.database;
        if (command == "init")
            return host_sim::command_init(config, sample, std::cout, invoices);
        if (command == "invoices")
            return host_sim::command_invoices(config, std::cout);
        if (command == "serve")
            return host_sim::command_serve(config, seconds, std::cout);
        if (command == "check")
            return host_sim::command_check(config, std::cout);
        if (command == "settings")
            return host_sim::command_settings(config, std::cout);
        if (command == "action" && !positional.empty())
            return host_sim::command_action(config, positional[0],
                                            positional.size() > 1 ? positional[1] : "", parameters,
                                            std::cout);
    } catch (const host_sim::ConfigError& e) {
        // Already "FILE:LINE: what", the form editors and terminals link to the line.
        std::cerr << e.what() << "\n";
        return 1;
    } catch (const Poco::Exception& e) {
        // displayText() holds the driver's diagnostic dump; one sentence of it.
        std::cerr << "host-sim: " << host_sim::summarise_odbc_failure(database, e.displayText())
                  << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "host-sim: " << e.what() << "\n";
        return 1;
    }
    return usage();
}
