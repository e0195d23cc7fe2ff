#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "jodo/audit/AuditQueue.hpp"
#include "jodo/erp/Database.hpp"

namespace jodo {

struct WebhookHealth {
    std::string last_accepted_at;  // "" = none ever
    struct Refusals {
        std::string reason;  // the refusal code (WebhookReceiver), or "http_<status>"
        int count = 0;
        std::string last_at;
    };
    std::vector<Refusals> refused;  // most frequent first
};

// One row of jodo_audit_log as the audit_log action shows it.
struct AuditRow {
    std::string at;
    AuditRecord record;
};

// The jodo_audit_log table.
class AuditLog {
  public:
    explicit AuditLog(Database& db) : db_(db) {}

    // One transaction for the whole batch. A row that names only its order
    // gets the invoice and collection of that order, when we have it.
    void write(const std::vector<AuditRow>& rows);
    // Rows older than `cutoff_iso`; returns how many were deleted.
    std::size_t delete_before(const std::string& cutoff_iso);
    // The invoice's rows, newest first.
    std::vector<AuditRow> for_invoice(const std::string& invoice_id, int limit);
    // Webhook deliveries as the endpoint answered them: the last accepted
    // (any time), and the refused ones since `since_iso`, per reason.
    WebhookHealth webhook_health(const std::string& since_iso);

  private:
    Database& db_;
};

// The rows as a JSON array of objects with the keys at, direction, endpoint,
// event, event_id, invoice_id, collection_id, order_id, http_status,
// latency_ms, error_code, attempt (the invoice screen reads these names).
std::string audit_rows_json(const std::vector<AuditRow>& rows);

}  // namespace jodo
