#include "webhooks/WebhookEnvelope.hpp"

#include <array>

#include "api/json_fields.hpp"
#include "collect/PayOrderMapper.hpp"

namespace jodo {

WebhookEnvelope parse_webhook_envelope(const std::string& body) {
    auto root = json::parse_object(body, "webhook body");
    WebhookEnvelope envelope;
    envelope.event_id = json::string_field(root, "event_id", "");
    envelope.event = json::string_field(root, "event", "");
    auto payload = json::optional_object(root, "payload", "");
    envelope.order_id = json::optional_string(payload, "order_id", "payload").value_or("");
    auto order = json::optional_object(payload, "order", "payload");
    if (envelope.order_id.empty())
        envelope.order_id = json::optional_string(order, "id", "payload.order").value_or("");
    if (auto notes = json::optional_array(order, "notes", "payload.order")) {
        for (std::size_t i = 0; i < notes->size(); ++i) {
            auto note = notes->getObject(static_cast<unsigned>(i));
            if (note.isNull())
                continue;
            const std::string path = "payload.order.notes[" + std::to_string(i) + "]";
            if (json::optional_string(note, "key", path).value_or("") == kNoteCollectionId)
                envelope.collection_id = json::optional_string(note, "value", path).value_or("");
        }
    }
    return envelope;
}

bool is_pay_event(const std::string& event) {
    static const std::array<const char*, 9> known = {"order.payment.debited",
                                                     "order.payment.settled",
                                                     "payment_link.payment.debited",
                                                     "payment_link.payment.settled",
                                                     "payment_link.payment.expired",
                                                     "page.payment.debited",
                                                     "page.payment.settled",
                                                     "payment.debited",
                                                     "payment.settled"};
    for (const char* name : known)
        if (event == name)
            return true;
    return false;
}

}  // namespace jodo
