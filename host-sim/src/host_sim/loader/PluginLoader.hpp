#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"

namespace host_sim {

// A plugin instance whose deleter holds the library: the code cannot be
// unloaded while any copy of this pointer lives (Boost.DLL tutorial 8).
using PluginPtr = std::shared_ptr<erp_plugin::Plugin>;

struct LoadedPlugin {
    std::filesystem::path file;
    PluginPtr plugin;
    std::string version;  // interface version the plugin was built for, "1.0"
};

struct RefusedPlugin {
    std::filesystem::path file;
    std::string reason;
};

struct LoadReport {
    std::vector<LoadedPlugin> loaded;
    std::vector<RefusedPlugin> refused;
};

// Loads one file: dlopen (RTLD_NOW | RTLD_LOCAL), read and check the ABI stamp
// before any C++ type is touched, then call the factory. Never throws; a
// refusal says why in one line.
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
