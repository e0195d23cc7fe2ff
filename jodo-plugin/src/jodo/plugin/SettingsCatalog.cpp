#include "jodo/plugin/SettingsCatalog.hpp"

#include <algorithm>
#include <stdexcept>

#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
using erp_plugin::SettingInfo;

SettingInfo integer(std::string key, int fallback, int min, int max, std::string help) {
    return {std::move(key),
            "integer",
            std::to_string(fallback),
            std::to_string(min) + ".." + std::to_string(max),
            false,
            false,
            std::move(help)};
}
SettingInfo text(std::string key, std::string type, std::string fallback, std::string help,
                 bool secret = false, bool required = false) {
    return {std::move(key), std::move(type), std::move(fallback), "",
            secret,         required,        std::move(help)};
}

std::vector<SettingInfo> build_catalog() {
    std::vector<SettingInfo> c = {
        text("jodo.base_url", "url", "http://127.0.0.1:8089",
             "Jodo API base URL; https:// except for 127.0.0.0/8, ::1 and localhost"),
        text("jodo.api_key", "secret", "", "Jodo API key (Basic Auth user)", true, true),
        text("jodo.api_secret", "secret", "", "Jodo API secret (Basic Auth password)", true, true),
        text("jodo.callback_url", "url", "",
             "Where Jodo's checkout returns the payer (http/https)"),
        text("jodo.ca_file", "path", "", "PEM file of CAs to trust instead of the system store"),
        integer("jodo.connect_timeout_ms", 5000, 100, 120000, "TCP/TLS connect timeout"),
        integer("jodo.read_timeout_ms", 20000, 100, 300000, "Time to wait for Jodo's answer"),
        integer("jodo.retry.max_attempts", 4, 1, 20, "Attempts per call, including the first"),
        integer("jodo.retry.base_delay_ms", 250, 0, 60000, "First backoff; doubles per retry"),
        integer("jodo.retry.max_delay_ms", 4000, 0, 300000, "Cap of one wait between attempts"),
        integer("jodo.retry.max_total_ms", 20000, 0, 600000, "Cap of all waits of one call"),
        integer("jodo.bulk.concurrency", 32, 1, 256,
                "collect_all: invoices (Jodo requests) in flight at once"),
        integer("jodo.bulk.chunk_size", 128, 1, 1000,
                "collect_all: invoices whose intents are committed in one transaction"),
        integer("jodo.bulk.stop_after_unavailable", 10, 1, 100000,
                "collect_all stops after this many invoices in a row found Jodo unavailable"),
        integer("jodo.db_outage_wait_s", 180, 0, 3600,
                "How long what Jodo answered is kept and written again while the database "
                "cannot be reached (a restart); collect_all waits as long"),
        integer("jodo.link_expiry_hours", 72, 1, 24 * 365, "Expiry of payment links"),
        integer("jodo.reconcile.first_check_s", 30, 1, 86400,
                "First reconciler check of a new collection"),
        integer("jodo.reconcile.max_interval_s", 1800, 1, 86400,
                "Longest wait between reconciler checks"),
        integer("jodo.reconcile.interval_ms", 15000, 0, 3600000,
                "How often the background reconciler runs; 0 = only on the reconcile action"),
        integer("jodo.reconcile.concurrency", 32, 1, 256,
                "reconcile: collections checked (Jodo requests) at once"),
        integer("jodo.students.interval_s", 300, 0, 86400,
                "How often the background loop pushes counter receipts and pulls student "
                "payments from Jodo; 0 = only on the actions"),
        {"jodo.reconcile.creating_grace_s", "integer", "", "0..86400", false, false,
         "Age after which an unanswered create is taken as orphaned (default: the slowest "
         "create the timeouts allow, at least 300)"},
        text("jodo.webhook.secret", "secret", "", "Shared secret for X-Jodo-Signature", true),
        text("jodo.webhook.header_name", "text", "", "A custom header Jodo must send"),
        text("jodo.webhook.header_value", "secret", "", "The custom header's value", true),
        text("jodo.webhook.allowed_ips", "list", "",
             "Comma-separated source addresses allowed to deliver webhooks"),
        text("jodo.webhook.path", "text", "/webhooks/jodo", "HTTP route the module claims"),
        integer("jodo.webhook.body_retention_days", 30, 0, 3650,
                "Days a processed event's body (payer phone, email) is kept; 0 = cleared as soon "
                "as processed"),
        integer("jodo.audit.retention_days", 90, 1, 3650,
                "Days a row of jodo_audit_log (one per Jodo API call and webhook) is kept"),
        integer("jodo.webhook.worker_interval_ms", 1000, 0, 600000,
                "How often stored events are processed; 0 = only on process_webhooks"),
        {"jodo.database.migrate", "choice", "yes", "yes|no", false, false,
         "yes: starting creates or updates the module's jodo_* tables; no: starting only "
         "verifies them and fails when they are missing or behind (host-sim check sets no, so a "
         "check never changes a database)"},
        {"jodo.erp.profile", "choice", "reference",
         "reference|erpnext-fees|erpnext-sales-invoice|odoo", false, false,
         "Shipped ERP mapping statements (docs/erp-mapping.md)"},
    };
    for (const auto& spec : erp_statement_specs())
        c.push_back(text(kErpSettingPrefix + spec.name, "sql", "",
                         "ERP mapping statement (jodo-plugin/README.md); default: the profile's"));
    return c;
}

std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}
}  // namespace

const std::vector<SettingInfo>& jodo_setting_catalog() {
    static const std::vector<SettingInfo> catalog = build_catalog();
    return catalog;
}

const SettingInfo* find_jodo_setting(const std::string& key) {
    for (const auto& s : jodo_setting_catalog())
        if (s.key == key)
            return &s;
    return nullptr;
}

std::string nearest_jodo_setting(const std::string& key) {
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const auto& s : jodo_setting_catalog()) {
        const std::size_t d = distance(key, s.key);
        if (d < best_distance) {
            best_distance = d;
            best = s.key;
        }
    }
    return best;
}

const SettingInfo& SettingsReader::info(const std::string& key) const {
    const SettingInfo* found = find_jodo_setting(key);
    if (!found)
        throw std::logic_error("setting " + key + " is not in the catalog");
    return *found;
}

std::string SettingsReader::text(const std::string& key) const {
    const SettingInfo& s = info(key);
    const std::string value = host_.setting(key, s.default_value);
    if (s.required && value.empty())
        throw std::invalid_argument("setting " + key + " is missing");
    return value;
}

int SettingsReader::integer(const std::string& key) const {
    return integer(key, std::stoi(info(key).default_value));
}

int SettingsReader::integer(const std::string& key, int computed_default) const {
    const SettingInfo& s = info(key);
    const auto dots = s.allowed.find("..");
    const int min = std::stoi(s.allowed.substr(0, dots));
    const int max = std::stoi(s.allowed.substr(dots + 2));
    const std::string value = host_.setting(key, std::to_string(computed_default));
    try {
        std::size_t used = 0;
        const int n = std::stoi(value, &used);
        if (used == value.size() && n >= min && n <= max)
            return n;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("setting " + key + " = \"" + value +
                                "\" must be a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max));
}

void SettingsReader::refuse_unknown_keys() const {
    for (const auto& key : host_.setting_keys("jodo.")) {
        if (find_jodo_setting(key))
            continue;
        throw std::invalid_argument("setting " + key + " is not a Jodo setting; did you mean " +
                                    nearest_jodo_setting(key) + "?");
    }
}

}  // namespace jodo
