// host-sim: an ERP host that loads plugins the way a real one does.
//
//   host-sim demo [--workdir DIR] [--plugins DIR] [--db ODBC-CONNECTION-STRING]
//   host-sim plugins [--plugins DIR]
#include <csignal>
#include <iostream>
#include <string>

#include <boost/dll/runtime_symbol_info.hpp>

#include "cli/LifecycleDemo.hpp"
#include "loader/PluginLoader.hpp"

namespace {

std::filesystem::path default_plugin_dir() {
    // build/bin/host-sim -> build/plugins
    return std::filesystem::path(boost::dll::program_location()).parent_path().parent_path() /
           "plugins";
}

int usage() {
    std::cerr << "usage: host-sim demo [--workdir DIR] [--plugins DIR] [--db CONNECTION]\n"
                 "       host-sim plugins [--plugins DIR]\n";
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
    host_sim::DemoOptions options;
    options.plugin_dir = default_plugin_dir();
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            return usage();
        if (arg == "--workdir")
            options.workdir = argv[++i];
        else if (arg == "--plugins")
            options.plugin_dir = argv[++i];
        else if (arg == "--db")
            options.connection_string = argv[++i];
        else
            return usage();
    }
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
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "host-sim: " << e.what() << "\n";
        return 1;
    }
    return usage();
}
