#include "host_sim/loader/PluginLoader.hpp"

#include <algorithm>
#include <system_error>

namespace host_sim {

LoadOne load_plugin(const std::filesystem::path& file) {
    erp_plugin::Loaded loaded = erp_plugin::load_plugin(file);
    return {std::move(loaded.plugin), std::move(loaded.version), std::move(loaded.refusal)};
}

LoadReport load_plugin_directory(const std::filesystem::path& directory) {
    LoadReport report;
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error))
        if (entry.is_regular_file() && entry.path().extension() == ".so")
            files.push_back(entry.path());
    if (error) {
        report.refused.push_back({directory, "cannot read plugin directory: " + error.message()});
        return report;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        LoadOne one = load_plugin(file);
        if (one.plugin)
            report.loaded.push_back({file, std::move(one.plugin), one.version});
        else
            report.refused.push_back({file, one.refusal});
    }
    return report;
}

}  // namespace host_sim
