// jodo-chaos: the chaos run and its invariant checker (docs/guarantees.md), a
// test tool the test command and bench/ build; `cmake --install` never installs it.
//
//   jodo-chaos [--invoices N] [--fault-rate P] [--db CONNECTION] [--workdir DIR]
//              [--seed S] [--plugins DIR]
//   jodo-chaos worker --config FILE     (one collect worker, started by the run)
#include <csignal>
#include <filesystem>
#include <iostream>
#include <string>

#include <boost/dll/runtime_symbol_info.hpp>

#include "chaos/ChaosRun.hpp"
#include "host_sim/cli/HostCommands.hpp"

namespace {

namespace fs = std::filesystem;

// build/bin/jodo-chaos -> build/
fs::path build_dir() {
    return fs::path(boost::dll::program_location()).parent_path().parent_path();
}

int usage() {
    std::cerr << "usage: jodo-chaos [--invoices N] [--fault-rate P] [--db CONNECTION]\n"
                 "                  [--workdir DIR] [--seed S] [--plugins DIR]\n"
                 "                  (exit 0 only when every invariant holds)\n"
                 "       jodo-chaos worker --config FILE   (a collect worker the run starts)\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    // A peer that resets a TLS connection must cost an exception, not the
    // process: OpenSSL writes with plain write(), which raises SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    chaos::ChaosOptions options;
    // The run kills a worker at a crash point: that takes the module built
    // with test hooks, when this build has one.
    options.plugin_dir = build_dir() / "plugins-test-hooks";
    if (!fs::is_directory(options.plugin_dir))
        options.plugin_dir = build_dir() / "plugins";
    options.worker_binary = boost::dll::program_location().string();
    const bool worker = argc > 1 && std::string(argv[1]) == "worker";
    std::string config_file;
    for (int i = worker ? 2 : 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            return usage();
        const std::string value = argv[++i];
        if (worker && arg == "--config")
            config_file = value;
        else if (worker)
            return usage();
        else if (arg == "--invoices")
            options.invoices = std::stoi(value);
        else if (arg == "--fault-rate")
            options.fault_rate = std::stod(value);
        else if (arg == "--db")
            options.connection_string = value;
        else if (arg == "--workdir")
            options.workdir = value;
        else if (arg == "--seed")
            options.seed = std::stoull(value);
        else if (arg == "--plugins")
            options.plugin_dir = value;
        else
            return usage();
    }
    try {
        if (worker) {
            if (config_file.empty())
                return usage();
            return chaos::command_chaos_worker(
                host_sim::read_host_config(config_file, build_dir() / "plugins"), std::cout);
        }
        return chaos::command_chaos(options, std::cout);
    } catch (const std::exception& e) {
        std::cerr << "jodo-chaos: " << e.what() << "\n";
        return 1;
    }
}
