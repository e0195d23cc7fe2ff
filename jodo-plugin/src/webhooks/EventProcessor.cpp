#include "webhooks/EventProcessor.hpp"

#include "api/JodoError.hpp"
#include "api/wire_error.hpp"
#include "webhooks/WebhookEnvelope.hpp"

namespace jodo {

EventProcessor::EventProcessor(WebhookInbox& inbox, CollectionStore& store, CollectService& collect,
                               Clock clock, Log log, int max_attempts)
    : inbox_(inbox),
      store_(store),
      collect_(collect),
      clock_(std::move(clock)),
      log_(log),
      max_attempts_(max_attempts) {}

namespace {
// Long enough for one event's fetch with retries; a process that dies holding
// an event gives it up after this.
constexpr std::int64_t kLeaseMs = 60000;
}  // namespace

int EventProcessor::process_pending(int limit) {
    int finished = 0;
    const std::int64_t now = clock_.now_ms();
    for (const auto& event : inbox_.claim(clock_.iso(now), clock_.iso(now + kLeaseMs), limit)) {
        process(event);
        ++finished;
    }
    return finished;
}

void EventProcessor::process(const InboxEvent& event) {
    const std::string at = clock_.now_iso();
    if (!is_pay_event(event.event)) {
        // Acknowledged (2xx) and kept for audit, never retried.
        inbox_.finish(event.event_id, "ignored", "not a Pay event", at);
        return;
    }
    WebhookEnvelope envelope;
    try {
        envelope = parse_webhook_envelope(event.body);
    } catch (const WireError& e) {
        inbox_.finish(event.event_id, "failed", e.what(), at);
        return;
    }
    auto collection =
        envelope.order_id.empty() ? std::nullopt : store_.by_order_id(envelope.order_id);
    if (!collection && !envelope.collection_id.empty()) {
        // Our create's answer was lost, but Jodo's event names our collection:
        // this is the order it made. Attach it, then verify it like any other.
        if (store_.attach_order(envelope.collection_id, envelope.order_id)) {
            log_.info("order " + envelope.order_id + " attached to collection " +
                      envelope.collection_id + " whose create outcome was unknown");
            collection = store_.by_order_id(envelope.order_id);
            // Released before Jodo named it, and collected again since: two
            // orders exist for one invoice. Say so now, before anyone pays twice.
            if (collection && !collection->active) {
                if (auto holder = store_.active_for(collection->invoice_id))
                    store_.flag_review(
                        collection->collection_id,
                        "a second Jodo order exists for this invoice (its create outcome was "
                        "unknown and it was released); the invoice is collected by " +
                            (holder->order_id.empty() ? holder->collection_id : holder->order_id) +
                            ": a payment on this one is a duplicate to refund");
            }
        }
        collection = store_.by_order_id(envelope.order_id);
    }
    if (!collection) {
        inbox_.finish(event.event_id, "ignored",
                      "order " + envelope.order_id + " was not created by this ERP", at);
        return;
    }
    try {
        const std::string status = collect_.sync(collection->collection_id);
        inbox_.finish(event.event_id, "processed",
                      "invoice " + collection->invoice_id + " is " + status, at);
    } catch (const JodoError& e) {
        if (e.transient() && event.attempts + 1 < max_attempts_) {
            inbox_.defer(event.event_id, std::string("will retry: ") + e.what());
        } else {
            // The reconciler still checks the order on its own schedule.
            inbox_.finish(event.event_id, "failed", e.what(), at);
        }
    }
}

}  // namespace jodo
