#pragma once

#include <string>

#include "jodo/api/PayOrderRequest.hpp"

namespace jodo {

// One Jodo API call attempt (direction "out") or one webhook delivery ("in"),
// as the audit log keeps it. Only ids, statuses and timings: never a header,
// a signature, a body, or a payer's phone or email.
struct AuditRecord {
    std::string direction;  // "out" | "in"
    std::string endpoint;   // method and path template: "GET /api/v1/.../orders/{order_id}"
    std::string event;      // webhook event type
    std::string event_id;   // webhook event id
    std::string invoice_id;
    std::string collection_id;
    std::string order_id;
    int http_status = 0;  // 0 = no answer (connection failed, timed out)
    long latency_ms = 0;
    std::string error_code;  // Jodo's code from the error body (HUE00000), when it looks like one
    int attempt = 1;         // 1 for the first try, 2.. for retries
};

// Where JodoClient and the webhook endpoint report what they did. Must return
// at once and never throw: it is called on the payment path.
class AuditSink {
  public:
    virtual ~AuditSink() = default;
    virtual void record(AuditRecord record) noexcept = 0;
};

// What an API call is about, when the caller knows more than the path says.
struct AuditIds {
    std::string invoice_id;
    std::string collection_id;
};
AuditIds audit_ids_of(const PayOrderRequest& request);

// The out record of one attempt: `path` (as sent) becomes a template, the
// order id in it is kept apart; a successful create's order id is read from
// `reply_body`; Jodo's error code is kept only if it looks like a code (a body
// is never echoed into the log).
AuditRecord api_attempt_record(const std::string& method, const std::string& path,
                               const AuditIds& ids, int attempt, int http_status, long latency_ms,
                               const std::string& error_code, const std::string& reply_body);

// A code as Jodo writes them (letters, digits, "_", "-", "."), at most 40
// characters; anything else is dropped.
std::string audit_error_code(const std::string& code);

}  // namespace jodo
