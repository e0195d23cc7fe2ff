#include "plugin/JodoSettings.hpp"

#include <stdexcept>

namespace jodo {

namespace {
int integer_setting(const erp_plugin::HostServices& host, const std::string& key, int fallback,
                    int min, int max) {
    const std::string text = host.setting(key, std::to_string(fallback));
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size() && value >= min && value <= max)
            return value;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("setting " + key + " = \"" + text +
                                "\" must be a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max));
}

std::string required(const erp_plugin::HostServices& host, const std::string& key) {
    std::string value = host.setting(key, "");
    if (value.empty())
        throw std::invalid_argument("setting " + key + " is missing");
    return value;
}
}  // namespace

JodoSettings JodoSettings::from_host(const erp_plugin::HostServices& host) {
    JodoSettings s;
    s.api.base_url = host.setting("jodo.base_url", kDefaultBaseUrl);
    s.api.api_key = required(host, "jodo.api_key");
    s.api.api_secret = required(host, "jodo.api_secret");
    s.api.ca_file = host.setting("jodo.ca_file", "");
    s.api.connect_timeout_ms = integer_setting(host, "jodo.connect_timeout_ms", 5000, 100, 120000);
    s.api.read_timeout_ms = integer_setting(host, "jodo.read_timeout_ms", 20000, 100, 300000);
    s.api.retry.max_attempts = integer_setting(host, "jodo.retry.max_attempts", 4, 1, 20);
    s.api.retry.base_delay_ms = integer_setting(host, "jodo.retry.base_delay_ms", 250, 0, 60000);
    s.api.retry.max_delay_ms = integer_setting(host, "jodo.retry.max_delay_ms", 4000, 0, 300000);
    s.api.retry.max_total_ms = integer_setting(host, "jodo.retry.max_total_ms", 20000, 0, 600000);
    s.collect.callback_url = host.setting("jodo.callback_url", "");
    return s;
}

}  // namespace jodo
