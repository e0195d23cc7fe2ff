#pragma once

#include <string>
#include <vector>

#include "erp_plugin/host_services.hpp"
#include "erp_plugin/plugin.hpp"

namespace jodo {

// Every setting the module reads, with its type, default, range and help: the
// one place they are declared. Plugin::settings() hands it to the host, the
// reader below applies it, jodo-plugin/README.md describes it.
const std::vector<erp_plugin::SettingInfo>& jodo_setting_catalog();
const erp_plugin::SettingInfo* find_jodo_setting(const std::string& key);

// Reads settings from the host as the catalog declares them. Throws
// std::invalid_argument naming the setting and what is wrong with it.
class SettingsReader {
  public:
    explicit SettingsReader(const erp_plugin::HostServices& host) : host_(host) {}

    std::string text(const std::string& key) const;
    int integer(const std::string& key) const;
    int integer(const std::string& key, int computed_default) const;
    // Every key the host has under "jodo." must be one the catalog knows.
    void refuse_unknown_keys() const;

  private:
    const erp_plugin::SettingInfo& info(const std::string& key) const;
    const erp_plugin::HostServices& host_;
};

// The known key nearest to `key` (edit distance), for "did you mean".
std::string nearest_jodo_setting(const std::string& key);

}  // namespace jodo
