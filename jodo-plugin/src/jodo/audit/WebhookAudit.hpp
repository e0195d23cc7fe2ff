#pragma once

#include "erp_plugin/plugin.hpp"
#include "jodo/api/AuditSink.hpp"

namespace jodo {

// The in record of one webhook delivery as answered. The event's id, type and
// order are read from the body only when the request passed verification
// (an unverified body is not worth keeping); nothing else of it is kept.
// `refusal`: why it was refused (WebhookReceiver::handle), kept as the error code.
AuditRecord webhook_audit_record(const erp_plugin::HttpRequest& request, int answered_status,
                                 long latency_ms, const std::string& refusal = "");

}  // namespace jodo
