#include "host_sim/host/PluginHost.hpp"

#include "host_sim/host/DeclaredSettings.hpp"
#include "host_sim/host/OdbcFailure.hpp"

namespace host_sim {

PluginHost::~PluginHost() {
    stop_all();
}

LoadReport PluginHost::load_directory(const std::filesystem::path& directory) {
    LoadReport report = load_plugin_directory(directory);
    std::vector<LoadedPlugin> loaded;
    for (auto& plugin : report.loaded) {
        // Plugins declare their settings: check them before start(), so a
        // typo is named instead of silently ignored.
        const auto problems = check_declared_settings(
            plugin.plugin->info().id, plugin.plugin->settings(), services_.all_settings(), places_);
        if (!problems.empty()) {
            std::string text;
            for (const auto& p : problems)
                text += (text.empty() ? "" : "; ") + p;
            report.refused.push_back({plugin.file, "settings (config): " + text});
            continue;
        }
        const erp_plugin::Status status = plugin.plugin->start(services_);
        if (status.ok()) {
            started_.push_back(plugin);
            loaded.push_back(plugin);
        } else {
            // The driver's dump goes to the log; the refusal is one sentence.
            const std::string summary =
                summarise_odbc_failure(services_.database_connection_string(), status.message);
            if (summary != status.message)
                services_.log(erp_plugin::LogLevel::warn,
                              plugin.file.filename().string() +
                                  ": the ODBC driver said: " + one_line(status.message));
            report.refused.push_back({plugin.file, std::string("start failed (") +
                                                       erp_plugin::to_string(status.code) +
                                                       "): " + summary});
        }
    }
    report.loaded = std::move(loaded);
    return report;
}

erp_plugin::Plugin* PluginHost::find(const std::string& plugin_id) const {
    for (const auto& p : started_)
        if (p.plugin->info().id == plugin_id)
            return p.plugin.get();
    return nullptr;
}

erp_plugin::ActionResult PluginHost::run(const std::string& plugin_id, const std::string& action,
                                         const std::string& invoice_id) {
    erp_plugin::Plugin* plugin = find(plugin_id);
    if (!plugin) {
        erp_plugin::ActionResult missing;
        missing.status = erp_plugin::Status::error(erp_plugin::StatusCode::not_found,
                                                   "no started plugin \"" + plugin_id + "\"");
        return missing;
    }
    erp_plugin::ActionRequest request;
    request.action = action;
    request.record_type = "invoice";
    request.record_id = invoice_id;
    return plugin->run_action(request);
}

void PluginHost::stop_all() {
    for (auto& p : started_)
        p.plugin->stop();
    started_.clear();
}

}  // namespace host_sim
