#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/loader/PluginLoader.hpp"

namespace host_sim {

// The ERP side of the boundary: loads the plugin directory, starts what loaded,
// and runs actions the way an invoice screen's buttons would.
class PluginHost {
  public:
    explicit PluginHost(SimHostServices& services) : services_(services) {}
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    // Loads and starts every plugin in `directory`. A plugin that loads but
    // fails to start is reported as refused with its reason.
    LoadReport load_directory(const std::filesystem::path& directory);
    // Where each setting is written, so a refusal for a setting names its line.
    void set_setting_places(SettingPlaces places) { places_ = std::move(places); }

    erp_plugin::Plugin* find(const std::string& plugin_id) const;
    erp_plugin::ActionResult run(const std::string& plugin_id, const std::string& action,
                                 const std::string& invoice_id);
    const std::vector<LoadedPlugin>& plugins() const { return started_; }
    void stop_all();

  private:
    SimHostServices& services_;
    std::vector<LoadedPlugin> started_;
    SettingPlaces places_;
};

}  // namespace host_sim
