// The webhook envelope, as the receiver reads it before storing the event:
// WireError naming the field, or an envelope with an event_id and event.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "jodo/api/WebhookEnvelope.hpp"
#include "jodo/api/wire_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    try {
        const jodo::WebhookEnvelope envelope = jodo::parse_webhook_envelope(body);
        (void)jodo::is_pay_event(envelope.event);
    } catch (const jodo::WireError& e) {
        if (e.field().empty())
            std::abort();
    }
    return 0;
}
