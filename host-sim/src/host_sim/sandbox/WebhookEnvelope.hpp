// What one Jodo webhook looks like on the wire: the event name for a state
// change, the JSON envelope, the X-Jodo-Signature value, and the (loopback-only)
// target the sandbox may post to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "host_sim/sandbox/AnswerShape.hpp"
#include "host_sim/sandbox/OrderRecord.hpp"
#include "host_sim/sandbox/WebhookTypes.hpp"

namespace jodo::sandbox {

// The state changes Jodo reports by webhook.
enum class OrderChange { debited, settled, expired };

// "order.payment.debited", "payment_link.payment.expired", ... by the record's kind.
std::string webhook_event_name(const std::string& kind, OrderChange change);

// A random (version 4) UUID, lower case: "45bb1387-2a83-4fdb-a149-e7dec81043f0".
std::string new_webhook_event_id();

// {"event_id","event","version":"1.0","timestamp":<int>,"payload":{"order_id","order":{...}}}
// payload.order is the Get Pay Order data (order_to_json) without "id" and "expires_at",
// in the run's AnswerShape (extra fields in the envelope and payload too).
std::string webhook_body(const std::string& event_id, const std::string& event,
                         std::int64_t timestamp, const OrderRecord& record,
                         const AnswerShape& shape);

// Lower-case hex HMAC-SHA256(secret, body).
// The envelope every event shares (event_id, event, version, timestamp)
// around `payload`, as text.
std::string webhook_envelope(const std::string& event_id, const std::string& event,
                             std::int64_t timestamp, const Poco::JSON::Object::Ptr& payload,
                             const AnswerShape& shape);

std::string webhook_signature(const std::string& secret, const std::string& body);

// Where deliveries go. Only http:// URLs whose host is loopback are accepted.
struct WebhookTarget {
    std::string host;          // as written in the URL (Host header)
    std::string connect_host;  // the address actually dialled ("localhost" -> 127.0.0.1)
    std::uint16_t port = 0;
    std::string path;  // path and query, at least "/"
};

// Throws std::invalid_argument for anything but http://<loopback>[:port][/path].
WebhookTarget parse_webhook_url(const std::string& url);

// {"webhooks":[{event_id,event,order_id,attempts,last_status,delivered,dropped,body}]}
Poco::JSON::Object::Ptr webhook_log_json(const std::vector<WebhookDelivery>& log);

}  // namespace jodo::sandbox
