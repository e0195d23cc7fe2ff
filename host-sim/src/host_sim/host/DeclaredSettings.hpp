#pragma once

#include <map>
#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"
#include "host_sim/host/SimHostServices.hpp"

namespace host_sim {

// What the host checks, before start(), of the settings a plugin declares
// (interface 1.1): required ones present, integers in range, choices among the
// allowed, URLs http(s), and no key under "<plugin id>." that it does not
// declare (with the declared key nearest to it, for a typo). One line per
// problem, naming the key and, when `places` knows it, the file and line.
// Empty when all is well.
std::vector<std::string> check_declared_settings(
    const std::string& plugin_id, const std::vector<erp_plugin::SettingInfo>& declared,
    const std::map<std::string, std::string>& settings, const SettingPlaces& places = {});

// Sections that are neither [host] nor a loaded plugin's ([jdoo] for [jodo]):
// their settings would reach nobody. One line per section.
std::vector<std::string> check_unclaimed_sections(
    const std::vector<std::string>& plugin_ids, const std::map<std::string, std::string>& settings,
    const SettingPlaces& places);

// A table for people: key, type, default, allowed, the value set (secrets as
// "(set)"), help.
std::string render_declared_settings(const std::vector<erp_plugin::SettingInfo>& declared,
                                     const std::map<std::string, std::string>& settings);

}  // namespace host_sim
