#include "jodo/api/AuditSink.hpp"

#include <Poco/URI.h>

#include "jodo/api/RemoteOrder.hpp"
#include "jodo/api/bounded_text.hpp"

namespace jodo {

namespace {
const std::string kApiPrefix = "/api/v1/integrations/pay/";

std::string note(const PayOrderRequest& request, const std::string& key) {
    for (const auto& [name, value] : request.notes)
        if (name == key)
            return value;
    return "";
}
}  // namespace

AuditIds audit_ids_of(const PayOrderRequest& request) {
    return {note(request, kNoteInvoiceId), note(request, kNoteCollectionId)};
}

std::string audit_error_code(const std::string& code) {
    if (code.empty() || code.size() > 40)
        return "";
    for (char c : code) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        if (!ok)
            return "";
    }
    return code;
}

AuditRecord api_attempt_record(const std::string& method, const std::string& path,
                               const AuditIds& ids, int attempt, int http_status, long latency_ms,
                               const std::string& error_code, const std::string& reply_body) {
    AuditRecord r;
    r.direction = "out";
    r.invoice_id = ids.invoice_id;
    r.collection_id = ids.collection_id;
    r.http_status = http_status;
    r.latency_ms = latency_ms;
    r.error_code = audit_error_code(error_code);
    r.attempt = attempt;
    std::string shape = path;
    // ".../orders/<id>": the id is data, the template names the endpoint.
    if (path.rfind(kApiPrefix, 0) == 0) {
        const auto slash = path.find('/', kApiPrefix.size());
        if (slash != std::string::npos && slash + 1 < path.size()) {
            std::string id;
            Poco::URI::decode(path.substr(slash + 1), id);
            r.order_id = bounded_text(id, 64);
            shape = path.substr(0, slash) + "/{order_id}";
        }
    }
    r.endpoint = bounded_text(method + " " + shape, 120);
    if (r.order_id.empty() && http_status >= 200 && http_status < 300 && !reply_body.empty()) {
        try {
            r.order_id = bounded_text(parse_created_order(reply_body).order_id, 64);
        } catch (const std::exception&) {
            // The caller reports an unreadable answer; the record goes without an id.
        }
    }
    return r;
}

}  // namespace jodo
