// The webhook knobs and log of the sandbox's public API (JodoSandbox::set_webhooks
// and friends). Behaviour: see the webhook block in JodoSandbox.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jodo::sandbox {

struct WebhookOptions {
    std::string url;  // e.g. "http://127.0.0.1:PORT/webhooks/jodo"; empty = no webhooks (default)
    std::string secret;                     // HMAC-SHA256 key; empty = no X-Jodo-Signature header
    std::string header_name, header_value;  // optional custom header sent with every delivery
    std::vector<int> retry_delays_ms = {100, 200, 400, 800, 1600};  // Jodo retries up to 5 times
    int timeout_ms = 2000;  // per attempt; a timeout is a failed attempt
};

// One delivery as the log shows it. A duplicated event has two entries with the
// same event_id and body.
struct WebhookDelivery {
    std::string event_id, event, order_id;
    int attempts = 0;        // HTTP attempts actually made
    int last_status = 0;     // last HTTP status received (0 = no answer)
    bool delivered = false;  // got a 2xx
    bool dropped = false;    // chaos/test decided never to send it
    std::string body;        // the exact raw JSON sent
};

// Probabilities per event, drawn from a generator seeded with `seed`.
struct WebhookChaos {
    double duplicate = 0;
    double drop = 0;
    double reorder = 0;
    int max_extra_delay_ms = 0;
    std::uint64_t seed = 1;
};

}  // namespace jodo::sandbox
