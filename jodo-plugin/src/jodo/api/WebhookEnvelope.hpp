#pragma once

#include <string>

namespace jodo {

// The parts of Jodo's webhook envelope we act on. The payload is never
// trusted for state: it only names the order (and, through notes, our
// collection) that we then fetch from Jodo.
struct WebhookEnvelope {
    std::string event_id;
    std::string event;
    std::string order_id;       // payload.order_id
    std::string collection_id;  // payload.order.notes[erp_collection_id], when present
    // A student event (payment.debited / payment.settled of student-linked
    // Pay, pages missing: docs/jodo-choices.md) names no order but a student
    // and a payment: payload.student_id or payload.student.id, payload.payment_id
    // or payload.payment.id, a number or a string.
    std::string student_id;
    std::string payment_id;

    bool names_a_student() const { return order_id.empty() && !student_id.empty(); }
};

// Throws WireError naming the field when event_id or event is missing, empty
// or too long for its column, payload.order_id is too long, or the body is not
// exactly one JSON object in UTF-8; everything else is optional and unknown
// fields are ignored.
WebhookEnvelope parse_webhook_envelope(const std::string& body);

// The Pay events of the Jodo docs (pay-overview.txt).
bool is_pay_event(const std::string& event);

}  // namespace jodo
