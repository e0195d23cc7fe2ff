#pragma once

#include <map>
#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"

namespace host_sim {

// What the host checks, before start(), of the settings a plugin declares
// (interface 1.1): required ones present, integers in range, choices among the
// allowed, URLs http(s), and no key under "<plugin id>." that it does not
// declare. One line per problem, naming the key; empty when all is well.
std::vector<std::string> check_declared_settings(
    const std::string& plugin_id, const std::vector<erp_plugin::SettingInfo>& declared,
    const std::map<std::string, std::string>& settings);

// A table for people: key, type, default, allowed, the value set (secrets as
// "(set)"), help.
std::string render_declared_settings(const std::vector<erp_plugin::SettingInfo>& declared,
                                     const std::map<std::string, std::string>& settings);

}  // namespace host_sim
