// jodo-chaos: the collect worker processes (spawned, reaped, read back)
// and what one of them runs (`jodo-chaos worker`).
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "chaos/ChaosParts.hpp"
#include "chaos/ChaosRun.hpp"
#include "host_sim/host/SimHostServices.hpp"

extern char** environ;

namespace chaos {

using namespace host_sim;

namespace parts {

// ---------------------------------------------------------------- processes

Worker spawn_worker(const std::string& name, const fs::path& binary, const fs::path& config,
                    const fs::path& log, const std::string& crash_at) {
    Worker w;
    w.name = name;
    w.log = log;
    w.crash_point = !crash_at.empty();
    std::vector<std::string> args = {binary.string(), "worker", "--config", config.string()};
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "JODO_CRASH_AT=", 14) != 0)
            env.emplace_back(*e);
    if (!crash_at.empty())
        env.push_back("JODO_CRASH_AT=" + crash_at);
    std::vector<char*> argv, envp;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawn(&w.pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start " + binary.string() + ": " + std::strerror(rc));
    return w;
}

bool reap(Worker& w, bool block) {
    if (w.done)
        return true;
    int status = 0;
    const pid_t r = waitpid(w.pid, &status, block ? 0 : WNOHANG);
    if (r == w.pid) {
        w.done = true;
        w.wait_status = status;
    }
    return w.done;
}

std::string describe_exit(const Worker& w) {
    if (w.killed())
        return w.crash_point ? std::string("killed itself (SIGKILL) at crash point ") + kCrashPoint
                             : std::string("SIGKILLed by the run mid-collection");
    if (WIFEXITED(w.wait_status))
        return "exited " + std::to_string(WEXITSTATUS(w.wait_status));
    return "ended by signal " + std::to_string(WTERMSIG(w.wait_status));
}

std::map<std::string, std::string> read_outputs(const fs::path& log) {
    std::map<std::string, std::string> out;
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        const auto colon = line.find(": ");
        if (colon != std::string::npos && line.rfind("chaos.", 0) == 0)
            out[line.substr(6, colon - 6)] = line.substr(colon + 2);
    }
    return out;
}

long as_long(const std::map<std::string, std::string>& m, const std::string& key) {
    auto it = m.find(key);
    if (it == m.end())
        return 0;
    try {
        return std::stol(it->second);
    } catch (const std::exception&) {
        return 0;
    }
}

}  // namespace parts

int command_chaos_worker(const HostConfig& config, std::ostream& out) {
    auto logger = std::make_shared<spdlog::logger>(
        "chaos-worker", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_level(spdlog::level::warn);
    SimHostServices services(config.database, read_settings_file(config.file.string()), logger);
    PluginHost host(services);
    const LoadReport report = host.load_directory(config.plugins);
    erp_plugin::Plugin* plugin = host.find("jodo");
    if (!plugin) {
        for (const auto& r : report.refused)
            out << "refused " << r.file.filename().string() << ": " << r.reason << "\n";
        return 1;
    }
    const auto collected = parts::batch(*plugin, "collect_all");
    if (!collected.status.ok())
        out << "collect_all: " << erp_plugin::to_string(collected.status.code) << ": "
            << collected.status.message << "\n";
    for (const auto& [key, value] : collected.outputs)
        out << "chaos.collect_all." << key << ": " << value << "\n";
    for (const auto& [key, value] : parts::batch(*plugin, "stats").outputs)
        out << "chaos.client." << key << ": " << value << "\n";
    out << std::flush;
    host.stop_all();
    return collected.status.ok() ? 0 : 1;
}

}  // namespace chaos
