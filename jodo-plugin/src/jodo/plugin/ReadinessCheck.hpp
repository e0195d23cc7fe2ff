#pragma once

#include <string>
#include <vector>

#include "jodo/api/JodoClient.hpp"
#include "jodo/audit/AuditLog.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"

namespace jodo {

// One line of the administrator's check before going live.
struct CheckLine {
    std::string name;  // e.g. "jodo_credentials"
    bool ok = false;
    std::string detail;  // what was seen, and for a failure what to change
};

// Runs every check that needs no payer and changes nothing: the database and
// the module's tables, the ERP mapping against the ERP's tables, Jodo reachable
// with the credentials accepted (Get Pay Order of an id that cannot exist:
// 404 = the key and secret work, 401 = they do not), TLS trust, and webhook
// verification configured, and how webhook deliveries fared: `health` from the
// audit log (the last 24 hours' refusals, the last accepted delivery).
std::vector<CheckLine> run_readiness_check(Database& db, const ErpMapping& mapping,
                                           JodoClient& client, const WebhookSecurity& webhook,
                                           const std::string& base_url,
                                           const WebhookHealth& health);

// The webhook_deliveries line: failed when deliveries were refused and none
// was accepted after the last refusal, with one sentence saying what to fix.
CheckLine webhook_deliveries_line(const WebhookHealth& health);

// What a refusal code most likely means, for the administrator: returns the
// one-line advice and sets *what to how the delivery was refused ("with a bad
// signature"). One wording for check and the webhook_health action.
std::string refusal_advice(const std::string& reason, std::string* what);

}  // namespace jodo
