#include "host_sim/cli/HostConfig.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <spdlog/common.h>

#include "host_sim/host/IniFile.hpp"
#include "host_sim/screen/IndianFormat.hpp"
#include "host_sim/text/NearestKey.hpp"

namespace host_sim {

namespace {

const std::vector<std::string> kHostKeys{"database",  "plugins",   "http_port",
                                         "log_file",  "log_level", "log_file_mb",
                                         "log_files", "timezone",  "school_name"};

std::string known_keys() {
    std::string text;
    for (const auto& key : kHostKeys)
        text += (text.empty() ? "" : ", ") + key;
    return text;
}

// A whole number from min to max, or a ConfigError pointing at its line
// (std::stoi alone would say "stoi" and accept "80abc").
int whole_number(const std::filesystem::path& file, const IniEntry& entry, int min, int max) {
    try {
        std::size_t used = 0;
        const long long n = std::stoll(entry.value, &used);
        if (used == entry.value.size() && n >= min && n <= max)
            return static_cast<int>(n);
    } catch (const std::exception&) {
    }
    throw ConfigError(config_place(file, entry.line) + entry.name + " = \"" + entry.value +
                      "\" must be a whole number from " + std::to_string(min) + " to " +
                      std::to_string(max));
}

}  // namespace

HostConfig read_host_config(const std::filesystem::path& file,
                            const std::filesystem::path& default_plugins) {
    std::map<std::string, IniEntry> host;  // a later line wins, as for plugin settings
    for (const auto& entry : read_ini_file(file)) {
        if (entry.section != "host")
            continue;
        // An ignored typo leaves the default in force, silently: refuse it.
        if (std::find(kHostKeys.begin(), kHostKeys.end(), entry.name) == kHostKeys.end()) {
            const std::string nearest = nearest_key(entry.name, kHostKeys);
            throw ConfigError(config_place(file, entry.line) + "unknown key " + entry.name +
                              " under [host]; " +
                              (nearest.empty() ? "the keys are " + known_keys()
                                               : "did you mean " + nearest + "?"));
        }
        host[entry.name] = entry;
    }
    auto find = [&](const std::string& name) {
        const auto it = host.find(name);
        return it == host.end() || it->second.value.empty() ? nullptr : &it->second;
    };
    HostConfig config;
    config.file = file;
    if (!find("database"))
        throw ConfigError(file.string() +
                          ": [host] database is missing (the ERP database's ODBC connection "
                          "string, e.g. Driver=SQLite3;Database=/var/lib/erp-host/erp.db;)");
    config.database = find("database")->value;
    config.plugins =
        find("plugins") ? std::filesystem::path(find("plugins")->value) : default_plugins;
    if (const IniEntry* port = find("http_port"))
        config.http_port = whole_number(file, *port, 0, 65535);
    if (const IniEntry* log_file = find("log_file"))
        config.log_file = log_file->value;
    if (const IniEntry* level = find("log_level")) {
        if (spdlog::level::from_str(level->value) == spdlog::level::off && level->value != "off")
            throw ConfigError(config_place(file, level->line) + "log_level = \"" + level->value +
                              "\" must be debug, info, warn or error");
        config.log_level = level->value;
    }
    if (const IniEntry* mb = find("log_file_mb"))
        config.log_file_mb = whole_number(file, *mb, 1, 1024);
    if (const IniEntry* zone = find("timezone"))
        config.timezone = zone->value;
    // Taken here, before any thread formats a time, and refused at its line.
    try {
        screen::use_school_timezone(config.timezone);
    } catch (const std::invalid_argument& e) {
        const IniEntry* zone = find("timezone");
        throw ConfigError((zone ? config_place(file, zone->line) : file.string() + ": ") +
                          e.what());
    }
    if (const IniEntry* school = find("school_name")) {
        // It goes into every message to a parent and into their WhatsApp link.
        if (school->value.size() > 200)
            throw ConfigError(config_place(file, school->line) +
                              "school_name is longer than 200 bytes");
        config.school_name = school->value;
    }
    if (const IniEntry* files = find("log_files"))
        config.log_files = whole_number(file, *files, 1, 100);
    return config;
}

}  // namespace host_sim
