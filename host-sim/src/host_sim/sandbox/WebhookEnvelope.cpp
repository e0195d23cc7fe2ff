#include "host_sim/sandbox/WebhookEnvelope.hpp"

#include <cctype>
#include <sstream>
#include <stdexcept>

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/HMACEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/SHA2Engine.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>

#include "host_sim/sandbox/OrderJson.hpp"

namespace jodo::sandbox {

namespace {

using Poco::JSON::Object;

// Poco 1.11's SHA2Engine lacks the BLOCK_SIZE / DIGEST_SIZE constants HMACEngine
// reads; this adapter supplies SHA-256's.
class Sha256 : public Poco::SHA2Engine {
  public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

std::string lower(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

const char* change_suffix(OrderChange change) {
    switch (change) {
        case OrderChange::debited:
            return ".payment.debited";
        case OrderChange::settled:
            return ".payment.settled";
        case OrderChange::expired:
            return ".payment.expired";
    }
    return ".payment.unknown";
}

}  // namespace

std::string webhook_event_name(const std::string& kind, OrderChange change) {
    return (kind == kKindPaymentLink ? std::string("payment_link") : std::string("order")) +
           change_suffix(change);
}

std::string new_webhook_event_id() {
    return lower(Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
}

std::string webhook_body(const std::string& event_id, const std::string& event,
                         std::int64_t timestamp, const OrderRecord& record,
                         const AnswerShape& shape) {
    Object::Ptr order = order_to_json(record, /*with_expires_at=*/false, shape);
    order->remove("id");  // the webhook carries it as payload.order_id

    Object::Ptr payload = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    payload->set("order_id", record.order.order_id);
    payload->set("order", order);
    add_unknown_fields(*payload, "payload", shape);

    return webhook_envelope(event_id, event, timestamp, payload, shape);
}

std::string webhook_envelope(const std::string& event_id, const std::string& event,
                             std::int64_t timestamp, const Poco::JSON::Object::Ptr& payload,
                             const AnswerShape& shape) {
    Object::Ptr envelope = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    envelope->set("event_id", event_id);
    envelope->set("event", event);
    envelope->set("version", "1.0");
    envelope->set("timestamp", static_cast<Poco::Int64>(timestamp));
    envelope->set("payload", payload);
    add_unknown_fields(*envelope, "envelope", shape);
    std::ostringstream out;
    envelope->stringify(out);
    return out.str();
}

std::string webhook_signature(const std::string& secret, const std::string& body) {
    Poco::HMACEngine<Sha256> hmac(secret);
    hmac.update(body);
    return Poco::DigestEngine::digestToHex(hmac.digest());
}

WebhookTarget parse_webhook_url(const std::string& url) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("webhook url " + url + " is not a URL: " + e.displayText());
    }
    if (uri.getScheme() != "http")
        throw std::invalid_argument("webhook url " + url + " must start with http://");
    WebhookTarget target;
    target.host = uri.getHost();
    if (lower(target.host) == "localhost") {
        target.connect_host = "127.0.0.1";  // never ask a resolver
    } else {
        Poco::Net::IPAddress address;
        if (target.host.empty() || !Poco::Net::IPAddress::tryParse(target.host, address) ||
            !address.isLoopback())
            throw std::invalid_argument("webhook url " + url +
                                        " must point at a loopback host (127.x, localhost, ::1)");
        target.connect_host = target.host;
    }
    target.port = uri.getPort();
    if (target.port == 0)
        throw std::invalid_argument("webhook url " + url + " has no usable port");
    target.path = uri.getPathAndQuery();
    if (target.path.empty())
        target.path = "/";
    return target;
}

Poco::JSON::Object::Ptr webhook_log_json(const std::vector<WebhookDelivery>& log) {
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& delivery : log) {
        Object::Ptr row = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        row->set("event_id", delivery.event_id);
        row->set("event", delivery.event);
        row->set("order_id", delivery.order_id);
        row->set("attempts", delivery.attempts);
        row->set("last_status", delivery.last_status);
        row->set("delivered", delivery.delivered);
        row->set("dropped", delivery.dropped);
        row->set("body", delivery.body);
        rows->add(row);
    }
    Object::Ptr body = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("webhooks", rows);
    return body;
}

}  // namespace jodo::sandbox
