#include "host_sim/host/DeclaredSettings.hpp"

#include <algorithm>
#include <sstream>

#include <Poco/URI.h>

#include "host_sim/text/NearestKey.hpp"

namespace host_sim {

namespace {
std::string integer_problem(const erp_plugin::SettingInfo& s, const std::string& value) {
    const auto dots = s.allowed.find("..");
    try {
        std::size_t used = 0;
        const long long n = std::stoll(value, &used);
        if (used != value.size())
            return "is not a whole number";
        if (dots != std::string::npos && (n < std::stoll(s.allowed.substr(0, dots)) ||
                                          n > std::stoll(s.allowed.substr(dots + 2))))
            return "must be from " + s.allowed.substr(0, dots) + " to " +
                   s.allowed.substr(dots + 2);
    } catch (const std::exception&) {
        return "is not a whole number";
    }
    return {};
}

std::string problem_with(const erp_plugin::SettingInfo& s, const std::string& value) {
    if (s.type == "integer")
        return integer_problem(s, value);
    if (s.type == "choice" && !s.allowed.empty()) {
        const std::string choices = "|" + s.allowed + "|";
        if (choices.find("|" + value + "|") == std::string::npos)
            return "must be one of " + s.allowed;
    }
    if (s.type == "url" && !value.empty()) {
        try {
            const Poco::URI uri(value);
            if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty())
                return "must be an http:// or https:// URL";
        } catch (const std::exception&) {
            return "is not a URL";
        }
    }
    return {};
}
}  // namespace

std::vector<std::string> check_declared_settings(
    const std::string& plugin_id, const std::vector<erp_plugin::SettingInfo>& declared,
    const std::map<std::string, std::string>& settings, const SettingPlaces& places) {
    std::vector<std::string> problems;
    auto place = [&](const std::string& key) {
        const auto it = places.find(key);
        return it == places.end() ? std::string() : it->second;
    };
    std::vector<std::string> keys;
    for (const auto& s : declared)
        keys.push_back(s.key);
    for (const auto& s : declared) {
        const auto it = settings.find(s.key);
        if (it == settings.end() || it->second.empty()) {
            if (s.required)
                problems.push_back(s.key + " is missing (" + s.help + ")");
            continue;
        }
        const std::string why = problem_with(s, it->second);
        if (!why.empty())
            problems.push_back(place(s.key) + s.key +
                               (s.secret ? "" : " = \"" + it->second + "\"") + " " + why);
    }
    const std::string prefix = plugin_id + ".";
    for (const auto& [key, value] : settings) {
        if (key.compare(0, prefix.size(), prefix) != 0)
            continue;
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
            continue;
        // The host checks before the plugin starts, so its message is the one
        // the administrator reads: it must carry the suggestion too.
        const std::string nearest = nearest_key(key, keys);
        problems.push_back(place(key) + key + " is not a setting of plugin " + plugin_id +
                           (nearest.empty() ? "" : "; did you mean " + nearest + "?"));
    }
    return problems;
}

std::vector<std::string> check_unclaimed_sections(
    const std::vector<std::string>& plugin_ids, const std::map<std::string, std::string>& settings,
    const SettingPlaces& places) {
    std::vector<std::string> sections{"host"};
    sections.insert(sections.end(), plugin_ids.begin(), plugin_ids.end());
    std::vector<std::string> problems;
    std::string last;
    for (const auto& [key, value] : settings) {
        const std::string section = key.substr(0, key.find('.'));
        if (section == last ||
            std::find(sections.begin(), sections.end(), section) != sections.end())
            continue;
        last = section;
        const auto it = places.find(key);
        const std::string nearest = nearest_key(section, sections);
        problems.push_back((it == places.end() ? "" : it->second) + "[" + section +
                           "] is neither [host] nor a loaded plugin's section" +
                           (nearest.empty() ? "" : "; did you mean [" + nearest + "]?"));
    }
    return problems;
}

std::string render_declared_settings(const std::vector<erp_plugin::SettingInfo>& declared,
                                     const std::map<std::string, std::string>& settings) {
    std::ostringstream out;
    for (const auto& s : declared) {
        const auto it = settings.find(s.key);
        std::string value = it == settings.end() ? std::string("(default)") : it->second;
        if (s.secret && it != settings.end())
            value = "(set)";
        out << s.key << "  [" << s.type << (s.required ? ", required" : "")
            << (s.allowed.empty() ? "" : ", " + s.allowed) << "]"
            << (s.default_value.empty() ? "" : "  default " + s.default_value) << "\n"
            << "    " << s.help << "\n"
            << "    value: " << (value.find('\n') == std::string::npos ? value : "(multi-line)")
            << "\n";
    }
    return out.str();
}

}  // namespace host_sim
