#include "jodo/api/AuditSink.hpp"

#include <algorithm>

#include <Poco/URI.h>

#include "jodo/api/RemoteOrder.hpp"
#include "jodo/api/bounded_text.hpp"

namespace jodo {

namespace {
const std::string kApiPrefix = "/api/v1/integrations/pay/";
const std::string kStudentApiPrefix = "/api/v1/integrations/erp/";

// ".../users/FAM-1/students" -> ".../users/{registration_id}/students", and so
// on: a family, student or receipt id is data, not part of the endpoint's name
// (and a family id may be a person's name).
std::string student_endpoint_shape(const std::string& path) {
    static const std::pair<const char*, const char*> placeholders[] = {
        {"users", "{registration_id}"},
        {"students", "{jodo_student_id}"},
        {"payments", "{transaction_id}"}};
    std::string shape = kStudentApiPrefix;
    std::string rest = path.substr(kStudentApiPrefix.size());
    const auto query = rest.find('?');
    if (query != std::string::npos)
        rest.resize(query);
    std::string previous;
    std::size_t start = 0;
    while (start <= rest.size()) {
        const auto end = std::min(rest.find('/', start), rest.size());
        std::string segment = rest.substr(start, end - start);
        for (const auto& [after, placeholder] : placeholders)
            if (previous == after)
                segment = placeholder;
        shape += (start == 0 ? "" : "/") + segment;
        previous = rest.substr(start, end - start);
        start = end + 1;
    }
    return shape;
}

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
    if (path.rfind(kStudentApiPrefix, 0) == 0)
        shape = student_endpoint_shape(path);
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
