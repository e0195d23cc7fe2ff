#include "jodo/api/WebhookEnvelope.hpp"

#include <array>

#include "jodo/api/PayOrderRequest.hpp"
#include "jodo/api/RawBody.hpp"
#include "jodo/api/json_fields.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo {

namespace {

// The columns of jodo_webhook_inbox, in characters. A value that does not fit
// would fail the insert, and a failed insert answers 503, which Jodo retries
// for hours: refusing it here makes it the permanent 400 it is.
constexpr std::size_t kMaxEventId = 100;
constexpr std::size_t kMaxEvent = 100;
constexpr std::size_t kMaxOrderId = 64;

void check_length(const std::string& value, const std::string& field, std::size_t max,
                  bool required) {
    if (required && value.empty())
        throw WireError(field, "is empty");
    if (utf8_characters(value) > max)
        throw WireError(field, "is longer than " + std::to_string(max) + " characters");
}

}  // namespace

WebhookEnvelope parse_webhook_envelope(const std::string& body) {
    // Checked on the bytes first: the inbox stores text bound as UTF-16, so a
    // body that is not UTF-8 would be stored different from the one signed;
    // and Poco's parser stops at a 0xFF byte as if the text ended there.
    if (const auto at = invalid_utf8_at(body); at != std::string::npos)
        throw WireError("webhook body", "is not valid UTF-8 (byte " + std::to_string(at) + ")");
    auto root = json::parse_object(body, "webhook body");
    if (const auto at = data_after_object_at(body); at != std::string::npos)
        throw WireError("webhook body",
                        "has data after the JSON object (byte " + std::to_string(at) + ")");
    WebhookEnvelope envelope;
    envelope.event_id = json::string_field(root, "event_id", "");
    envelope.event = json::string_field(root, "event", "");
    auto payload = json::optional_object(root, "payload", "");
    envelope.order_id = json::optional_string(payload, "order_id", "payload").value_or("");
    auto order = json::optional_object(payload, "order", "payload");
    std::string order_field = "payload.order_id";
    if (envelope.order_id.empty()) {
        envelope.order_id = json::optional_string(order, "id", "payload.order").value_or("");
        order_field = "payload.order.id";
    }
    // An id under its own key, else under the named object's "id".
    auto id_of = [&payload](const char* key, const char* object) {
        std::string id = json::optional_string(payload, key, "payload").value_or("");
        if (id.empty())
            id = json::optional_string(json::optional_object(payload, object, "payload"), "id",
                                       std::string("payload.") + object)
                     .value_or("");
        return id;
    };
    if (envelope.order_id.empty()) {
        envelope.student_id = id_of("student_id", "student");
        envelope.payment_id = id_of("payment_id", "payment");
    }
    check_length(envelope.event_id, "event_id", kMaxEventId, true);
    check_length(envelope.event, "event", kMaxEvent, true);
    check_length(envelope.order_id, order_field, kMaxOrderId, false);
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
