#include "jodo/audit/WebhookAudit.hpp"

#include "jodo/api/WebhookEnvelope.hpp"
#include "jodo/api/bounded_text.hpp"

namespace jodo {

AuditRecord webhook_audit_record(const erp_plugin::HttpRequest& request, int answered_status,
                                 long latency_ms, const std::string& refusal) {
    AuditRecord r;
    r.direction = "in";
    r.endpoint = bounded_text(request.method + " " + request.path, 120);
    r.http_status = answered_status;
    r.latency_ms = latency_ms;
    r.error_code = bounded_text(refusal, 40);
    const bool verified = answered_status != 401 && answered_status != 403 &&
                          answered_status != 405 && answered_status != 404;
    if (verified) {
        try {
            const WebhookEnvelope envelope = parse_webhook_envelope(request.body);
            r.event_id = envelope.event_id;
            r.event = envelope.event;
            r.order_id = envelope.order_id;
            r.collection_id = bounded_text(envelope.collection_id, 40);
        } catch (const std::exception&) {
            // Answered 400; the record keeps only the status.
        }
    }
    return r;
}

}  // namespace jodo
