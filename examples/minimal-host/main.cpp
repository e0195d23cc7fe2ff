// minimal-host: an ERP host in one file, from the plugin-api headers (the
// shipped loader uses Boost.DLL) alone. It loads one plugin the way plugin-api/README.md says, runs
// one action on one invoice and prints the result.
//
//   minimal-host [--config FILE] [--plugin FILE] [--set KEY=VALUE]... [--action NAME] INVOICE
//
// FILE is an INI file: [host] database = the ERP's ODBC connection string,
// [host] plugin = the plugin file (default: libjodo.so in the installed plugin
// directory); every key of every section reaches the plugin as "section.key"
// ([jodo] api_key -> jodo.api_key). --set adds or overrides one setting.
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "erp_plugin/loader.hpp"

namespace {

using Settings = std::map<std::string, std::string>;

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    return first == std::string::npos
               ? ""
               : text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// [section] and key = value lines; ';' or '#' starts a comment line.
Settings read_ini(const std::string& file) {
    std::ifstream in(file);
    if (!in)
        throw std::runtime_error("cannot read " + file);
    Settings settings;
    std::string section, line;
    for (int number = 1; std::getline(in, line); ++number) {
        line = trim(line);
        if (line.empty() || line[0] == ';' || line[0] == '#')
            continue;
        if (line.front() == '[' && line.back() == ']') {
            section = trim(line.substr(1, line.size() - 2));
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos || section.empty())
            throw std::runtime_error(file + ":" + std::to_string(number) +
                                     ": expected key = value in a [section]");
        settings[section + "." + trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    return settings;
}

// The plugin calls these from its own threads too: the settings never change
// after construction (so reading them needs no lock) and log() takes one.
class Host final : public erp_plugin::HostServices {
  public:
    explicit Host(Settings settings) : settings_(std::move(settings)) {}

    void log(erp_plugin::LogLevel level, const std::string& message) noexcept override {
        static const char* const names[] = {"debug", "info", "warn", "error"};
        const auto i = static_cast<std::int32_t>(level);
        std::lock_guard<std::mutex> lock(log_mutex_);
        std::cerr << "[" << (i >= 0 && i < 4 ? names[i] : "info") << "] " << message << "\n";
    }
    std::string setting(const std::string& key,
                        const std::string& fallback) const noexcept override {
        try {
            const auto it = settings_.find(key);
            return it == settings_.end() ? fallback : it->second;
        } catch (...) {  // a copy that cannot be allocated
            return {};
        }
    }
    std::int64_t now_unix_millis() const noexcept override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
    std::string database_connection_string() const noexcept override {
        return setting("host.database", "");
    }
    std::vector<std::string> setting_keys(const std::string& prefix) const noexcept override {
        std::vector<std::string> keys;
        try {
            for (const auto& [key, value] : settings_)
                if (key.rfind(prefix, 0) == 0)
                    keys.push_back(key);
        } catch (...) {
        }
        return keys;
    }

  private:
    const Settings settings_;
    std::mutex log_mutex_;
};

// The shipped loader: loads, checks the table, creates; the pointer's deleter
// holds the library, so the code stays mapped for as long as the object lives.
std::shared_ptr<erp_plugin::Plugin> load_plugin(const std::string& file) {
    erp_plugin::Loaded loaded = erp_plugin::load_plugin(file);
    if (!loaded.plugin)
        throw std::runtime_error(file + " refused: " + loaded.refusal);
    return loaded.plugin;
}

// stop() on every way out of a started plugin; it is also allowed (and safe)
// after a failed start(), to release whatever start() took before it failed.
struct StopOnExit {
    erp_plugin::Plugin& plugin;
    ~StopOnExit() { plugin.stop(); }
};

int usage() {
    std::cerr << "usage: minimal-host [--config FILE] [--plugin FILE] [--set KEY=VALUE]... "
                 "[--action NAME] INVOICE\n";
    return 2;
}

int run(int argc, char** argv) {
    Settings settings, overrides;
    std::string action = "collect", invoice;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h")
            return usage();
        if (arg.rfind("--", 0) == 0 && i + 1 >= argc)
            return usage();
        if (arg == "--config") {
            for (const auto& [key, value] : read_ini(argv[++i]))
                settings[key] = value;
        } else if (arg == "--plugin") {
            overrides["host.plugin"] = argv[++i];
        } else if (arg == "--action") {
            action = argv[++i];
        } else if (arg == "--set") {
            const std::string pair = argv[++i];
            if (pair.find('=') == std::string::npos)
                return usage();
            overrides[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
        } else if (invoice.empty() && arg.rfind("--", 0) != 0) {
            invoice = arg;
        } else {
            return usage();
        }
    }
    if (invoice.empty())
        return usage();
    for (const auto& [key, value] : overrides)
        settings[key] = value;
    const std::string file = settings.count("host.plugin")
                                 ? settings["host.plugin"]
                                 : std::string(MINIMAL_HOST_PLUGIN_DIR) + "/libjodo.so";

    Host host(settings);  // outlives the plugin: declared first, destroyed last
    const auto plugin = load_plugin(file);
    const auto info = plugin->info();
    std::cout << "loaded " << info.id << " " << info.version << " (" << info.name << ") from "
              << file << "\n";
    StopOnExit stop{*plugin};
    const auto started = plugin->start(host);
    if (!started.ok()) {
        std::cerr << "start failed (" << erp_plugin::to_string(started.code)
                  << "): " << started.message << "\n";
        return 1;
    }
    const auto result = plugin->run_action({action, "invoice", invoice, {}});
    std::cout << action << " " << invoice << ": " << erp_plugin::to_string(result.status.code)
              << (result.status.message.empty() ? "" : " - " + result.status.message) << "\n";
    for (const auto& [key, value] : result.outputs)
        std::cout << "  " << key << " = " << value << "\n";
    return result.status.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    // A plugin's TLS connections write with write(): a peer that resets one
    // must cost the plugin an error, not end the host with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "minimal-host: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "minimal-host: an error that is not a std::exception\n";
    }
    return 2;
}
