#include "jodo/plugin/ReadinessCheck.hpp"

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

std::vector<CheckLine> run_readiness_check(Database& db, const ErpMapping& mapping,
                                           JodoClient& client, const WebhookSecurity& webhook,
                                           const std::string& base_url) {
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
    return lines;
}

}  // namespace jodo
