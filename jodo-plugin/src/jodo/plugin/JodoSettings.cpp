#include "jodo/plugin/JodoSettings.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>

#include "jodo/erp/mapping/ErpContract.hpp"
#include "jodo/plugin/SettingsCatalog.hpp"

namespace jodo {

namespace {
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
}  // namespace

JodoSettings JodoSettings::from_host(const erp_plugin::HostServices& host) {
    const SettingsReader read(host);
    // A typo (jodo.webhook.secert) must not silently turn a check off.
    read.refuse_unknown_keys();
    JodoSettings s;
    s.api.base_url = read.text("jodo.base_url");
    s.api.api_key = read.text("jodo.api_key");
    s.api.api_secret = read.text("jodo.api_secret");
    s.api.ca_file = read.text("jodo.ca_file");
    s.api.connect_timeout_ms = read.integer("jodo.connect_timeout_ms");
    s.api.read_timeout_ms = read.integer("jodo.read_timeout_ms");
    s.api.retry.max_attempts = read.integer("jodo.retry.max_attempts");
    s.api.retry.base_delay_ms = read.integer("jodo.retry.base_delay_ms");
    s.api.retry.max_delay_ms = read.integer("jodo.retry.max_delay_ms");
    s.api.retry.max_total_ms = read.integer("jodo.retry.max_total_ms");
    s.collect.callback_url = read.text("jodo.callback_url");
    if (!s.collect.callback_url.empty()) {
        const Poco::URI uri(s.collect.callback_url);
        if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty())
            throw std::invalid_argument("setting jodo.callback_url = \"" + s.collect.callback_url +
                                        "\" must be an http:// or https:// URL");
    }
    s.collect.link_expiry_hours = read.integer("jodo.link_expiry_hours");
    s.collect.bulk_concurrency = read.integer("jodo.bulk.concurrency");
    s.collect.bulk_stop_after_unavailable = read.integer("jodo.bulk.stop_after_unavailable");
    s.collect.bulk_chunk_size = read.integer("jodo.bulk.chunk_size");
    s.collect.db_outage_wait_s = read.integer("jodo.db_outage_wait_s");
    s.checks.first_check_s = read.integer("jodo.reconcile.first_check_s");
    s.checks.max_check_interval_s = read.integer("jodo.reconcile.max_interval_s");
    s.reconcile_interval_ms = read.integer("jodo.reconcile.interval_ms");
    s.students_interval_s = read.integer("jodo.students.interval_s");
    s.reconcile_concurrency = read.integer("jodo.reconcile.concurrency");
    // A connection for every request in flight stays open between bursts.
    s.api.max_idle_connections = std::max(s.collect.bulk_concurrency, s.reconcile_concurrency);
    // The slowest create the timeouts and retry budget allow, and then some.
    const int slowest_create_s =
        (s.api.retry.max_attempts * (s.api.connect_timeout_ms + s.api.read_timeout_ms) +
         s.api.retry.max_total_ms) /
            1000 +
        1;
    s.creating_grace_s =
        read.integer("jodo.reconcile.creating_grace_s", std::max(300, slowest_create_s));
    // A bulk intent still waiting for a request slot after half the grace is
    // not sent: the reconciler must never take a request about to leave for
    // one that a dead process left behind.
    s.collect.bulk_send_within_s = std::max(1, s.creating_grace_s / 2);
    s.webhook.secret = read.text("jodo.webhook.secret");
    s.webhook.header_name = read.text("jodo.webhook.header_name");
    s.webhook.header_value = read.text("jodo.webhook.header_value");
    if (!s.webhook.header_name.empty() && s.webhook.header_value.empty())
        throw std::invalid_argument(
            "setting jodo.webhook.header_value is missing (jodo.webhook.header_name is set)");
    s.webhook.allowed_ips = split_list(read.text("jodo.webhook.allowed_ips"));
    for (const auto& ip : s.webhook.allowed_ips) {
        Poco::Net::IPAddress parsed;
        if (!Poco::Net::IPAddress::tryParse(ip, parsed))
            throw std::invalid_argument("setting jodo.webhook.allowed_ips: \"" + ip +
                                        "\" is not an IP address");
    }
    s.webhook_path = read.text("jodo.webhook.path");
    if (s.webhook_path.empty() || s.webhook_path[0] != '/')
        throw std::invalid_argument("setting jodo.webhook.path must start with /");
    s.webhook_worker_interval_ms = read.integer("jodo.webhook.worker_interval_ms");
    s.webhook_body_retention_days = read.integer("jodo.webhook.body_retention_days");
    s.audit_retention_days = read.integer("jodo.audit.retention_days");
    const std::string migrate = read.text("jodo.database.migrate");
    if (migrate != "yes" && migrate != "no")
        throw std::invalid_argument("setting jodo.database.migrate = \"" + migrate +
                                    "\" must be yes or no");
    s.migrate_tables = migrate == "yes";
    s.erp.profile = read.text(kErpSettingPrefix + "profile");
    // A statement set to nothing turns the profile's one off, so "unset" and
    // "empty" differ: ask with a fallback no administrator writes.
    const std::string unset(1, '\0');
    for (const auto& spec : erp_statement_specs()) {
        const std::string text = host.setting(kErpSettingPrefix + spec.name, unset);
        if (text != unset)
            s.erp.statements[spec.name] = text;
    }
    return s;
}

}  // namespace jodo
