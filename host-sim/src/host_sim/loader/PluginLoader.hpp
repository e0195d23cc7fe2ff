#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "erp_plugin/loader.hpp"

namespace host_sim {

// A plugin instance whose deleter holds the library: the code cannot be
// unloaded while any copy of this pointer lives (erp_plugin/loader.hpp).
using PluginPtr = erp_plugin::PluginPtr;

struct LoadedPlugin {
    std::filesystem::path file;
    PluginPtr plugin;
    std::string version;  // interface version the plugin was built for, "2.0"
};

struct RefusedPlugin {
    std::filesystem::path file;
    std::string reason;
};

struct LoadReport {
    std::vector<LoadedPlugin> loaded;
    std::vector<RefusedPlugin> refused;
};

// Loads one file with the shipped loader (erp_plugin/loader.hpp). Never
// throws; a refusal says why in one line.
struct LoadOne {
    PluginPtr plugin;
    std::string version;
    std::string refusal;
};
LoadOne load_plugin(const std::filesystem::path& file);

// Every *.so in `directory`, in name order; refused ones are reported and
// skipped, the rest load.
LoadReport load_plugin_directory(const std::filesystem::path& directory);

}  // namespace host_sim
