#include "plugin/JodoSettings.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "erp/mapping/ErpContract.hpp"

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

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : text + ",") {
        if (c == ',' || c == ' ') {
            if (!item.empty())
                out.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    return out;
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
    s.collect.link_expiry_hours = integer_setting(host, "jodo.link_expiry_hours", 72, 1, 24 * 365);
    s.collect.first_check_s = integer_setting(host, "jodo.reconcile.first_check_s", 30, 1, 86400);
    s.collect.max_check_interval_s =
        integer_setting(host, "jodo.reconcile.max_interval_s", 1800, 1, 86400);
    s.reconcile_interval_ms =
        integer_setting(host, "jodo.reconcile.interval_ms", 15000, 0, 3600000);
    // The slowest create the timeouts and retry budget allow, and then some.
    const int slowest_create_s =
        (s.api.retry.max_attempts * (s.api.connect_timeout_ms + s.api.read_timeout_ms) +
         s.api.retry.max_total_ms) /
            1000 +
        1;
    s.creating_grace_s = integer_setting(host, "jodo.reconcile.creating_grace_s",
                                         std::max(300, slowest_create_s), 0, 86400);
    s.webhook.secret = host.setting("jodo.webhook.secret", "");
    s.webhook.header_name = host.setting("jodo.webhook.header_name", "");
    s.webhook.header_value = host.setting("jodo.webhook.header_value", "");
    if (!s.webhook.header_name.empty() && s.webhook.header_value.empty())
        throw std::invalid_argument(
            "setting jodo.webhook.header_value is missing (jodo.webhook.header_name is set)");
    s.webhook.allowed_ips = split_list(host.setting("jodo.webhook.allowed_ips", ""));
    s.webhook_path = host.setting("jodo.webhook.path", "/webhooks/jodo");
    if (s.webhook_path.empty() || s.webhook_path[0] != '/')
        throw std::invalid_argument("setting jodo.webhook.path must start with /");
    s.erp.profile = host.setting(kErpSettingPrefix + "profile", "reference");
    // A statement set to nothing turns the profile's one off, so "unset" and
    // "empty" differ: ask with a fallback no administrator writes.
    const std::string unset(1, '\0');
    for (const auto& spec : erp_statement_specs()) {
        const std::string text = host.setting(kErpSettingPrefix + spec.name, unset);
        if (text != unset)
            s.erp.statements[spec.name] = text;
    }
    s.webhook_worker_interval_ms =
        integer_setting(host, "jodo.webhook.worker_interval_ms", 1000, 0, 600000);
    return s;
}

}  // namespace jodo
