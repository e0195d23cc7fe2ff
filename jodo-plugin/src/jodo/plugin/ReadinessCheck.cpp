#include "jodo/plugin/ReadinessCheck.hpp"

#include <algorithm>

#include "erp_sql/Migrator.hpp"
#include "jodo/api/JodoError.hpp"

namespace jodo {

namespace {
// No Jodo order id looks like this, so the answer can only be 404 or a refusal.
const char* kProbeOrderId = "order_connectorcheck0000";

CheckLine jodo_line(JodoClient& client, const std::string& base_url) {
    try {
        client.get_pay_order(kProbeOrderId);
        return {"jodo_credentials", false,
                "Jodo at " + base_url + " answered for an order that cannot exist; is " +
                    "jodo.base_url Jodo's API?"};
    } catch (const JodoError& e) {
        switch (e.kind()) {
            case ErrorKind::not_found:
                return {"jodo_credentials", true,
                        "Jodo at " + base_url + " accepted the API key and secret"};
            case ErrorKind::unauthorized:
            case ErrorKind::forbidden:
                return {"jodo_credentials", false,
                        "Jodo refused the API key and secret: set jodo.api_key and "
                        "jodo.api_secret to the ones from your Jodo dashboard"};
            case ErrorKind::config:
                return {"jodo_credentials", false, e.advice()};
            case ErrorKind::unreachable:
            case ErrorKind::timeout:
                return {"jodo_credentials", false,
                        "Jodo is not reachable at " + base_url +
                            ": check jodo.base_url and that this server may connect to it (" +
                            e.advice() + ")"};
            default:
                return {"jodo_credentials", false,
                        std::string("Jodo answered ") + to_string(e.kind()) + ": " + e.advice()};
        }
    }
}
}  // namespace

std::string refusal_advice(const std::string& reason, std::string* what) {
    if (reason == "bad_signature") {
        *what = "with a bad signature";
        return "jodo.webhook.secret probably differs from the secret set in Jodo";
    }
    if (reason == "missing_signature") {
        *what = "without a signature";
        return "set the webhook secret in Jodo's dashboard to jodo.webhook.secret";
    }
    if (reason == "wrong_header") {
        *what = "without the agreed header";
        return "jodo.webhook.header_name and header_value differ from the header set in Jodo";
    }
    if (reason == "source_not_allowed") {
        *what = "from an address not allowed";
        return "add Jodo's webhook addresses to jodo.webhook.allowed_ips (or clear it)";
    }
    if (reason == "bad_body") {
        *what = "with a body that could not be read";
        return "something between Jodo and this server may be changing the requests";
    }
    *what = "with HTTP " + (reason.rfind("http_", 0) == 0 ? reason.substr(5) : reason);
    return "the ERP database was probably not available to store them (see the log)";
}

CheckLine webhook_deliveries_line(const WebhookHealth& health) {
    const std::string accepted = health.last_accepted_at.empty()
                                     ? std::string("none accepted yet")
                                     : "last accepted " + health.last_accepted_at;
    if (health.refused.empty())
        return {"webhook_deliveries", true,
                health.last_accepted_at.empty()
                    ? "no delivery received yet: run the check again once Jodo has sent one"
                    : accepted + "; none refused in the last 24 hours"};
    std::string last_refused;
    int total = 0;
    for (const auto& r : health.refused) {
        total += r.count;
        last_refused = std::max(last_refused, r.last_at);
    }
    const auto& top = health.refused.front();
    std::string what;
    const std::string advice = refusal_advice(top.reason, &what);
    const bool recovered = health.last_accepted_at > last_refused;
    return {"webhook_deliveries", recovered,
            std::to_string(top.count) + (top.count == 1 ? " delivery" : " deliveries") +
                " refused " + what + " in the last 24 hours (last at " + top.last_at +
                "): " + advice +
                (total > top.count
                     ? "; " + std::to_string(total - top.count) + " refused for other reasons"
                     : "") +
                "; " + accepted + (recovered ? " since, so it looks fixed" : "")};
}

std::vector<CheckLine> run_readiness_check(Database& db, const ErpMapping& mapping,
                                           JodoClient& client, const WebhookSecurity& webhook,
                                           const std::string& base_url,
                                           const WebhookHealth& health) {
    std::vector<CheckLine> lines;
    try {
        auto session = db.session();
        lines.push_back({"database", true,
                         std::string("reachable (") + erp_sql::dialect_name(db.dialect()) + ")"});
        const int version = erp_sql::Migrator(session, db.dialect(), "jodo").current_version();
        lines.push_back({"module_tables", version > 0,
                         version > 0 ? "jodo_* tables at version " + std::to_string(version)
                                     : "the module's tables are missing"});
        try {
            mapping.check(session);
            lines.push_back({"erp_mapping", true,
                             "every jodo.erp.* statement works on this database (profile " +
                                 mapping.profile() +
                                 (mapping.layout().empty() ? "" : ", " + mapping.layout()) + ")"});
        } catch (const std::exception& e) {
            lines.push_back({"erp_mapping", false, e.what()});
        }
    } catch (const std::exception& e) {
        lines.push_back({"database", false,
                         std::string("the ERP database cannot be used: ") + e.what() +
                             "; check the host's database connection string"});
    }
    lines.push_back(jodo_line(client, base_url));
    lines.push_back(
        {"webhook_verification", !webhook.secret.empty(),
         webhook.secret.empty()
             ? "no jodo.webhook.secret: set the secret from your Jodo dashboard so "
               "forged events are refused"
             : "signature checked with jodo.webhook.secret" +
                   std::string(webhook.allowed_ips.empty() ? ""
                                                           : ", source addresses restricted")});
    lines.push_back(webhook_deliveries_line(health));
    return lines;
}

}  // namespace jodo
