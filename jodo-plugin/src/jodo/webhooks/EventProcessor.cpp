#include "jodo/webhooks/EventProcessor.hpp"

#include "jodo/api/JodoError.hpp"
#include "jodo/api/WebhookEnvelope.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo {

EventProcessor::EventProcessor(WebhookInbox& inbox, CollectionStore& store, CollectionSync& sync,
                               Clock clock, Log log, int max_attempts)
    : inbox_(inbox),
      store_(store),
      sync_(sync),
      clock_(std::move(clock)),
      log_(log),
      max_attempts_(max_attempts) {}

namespace {
// Long enough for one event's fetch with retries; a process that dies holding
// an event gives it up after this.
constexpr std::int64_t kLeaseMs = 60000;
}  // namespace

int EventProcessor::process_pending(int limit, const std::atomic<bool>* stop) {
    int finished = 0;
    const std::int64_t now = clock_.now_ms();
    for (const auto& event : inbox_.claim(clock_.iso(now), clock_.iso(now + kLeaseMs), limit)) {
        if (stop && *stop)
            break;
        process(event);
        ++finished;
    }
    if (const auto cutoff = body_retention_.due(clock_.now_ms())) {
        if (const std::size_t cleared = inbox_.clear_bodies_processed_before(clock_.iso(*cutoff)))
            log_.info("cleared the stored bodies of " + std::to_string(cleared) +
                      " processed webhook events (jodo.webhook.body_retention_days)");
    }
    return finished;
}

void EventProcessor::process(const InboxEvent& event) {
    const std::string at = clock_.now_iso();
    if (!is_pay_event(event.event)) {
        // Acknowledged (2xx) and kept for audit, never retried.
        inbox_.finish(event.event_id, "ignored", "not a Pay event", at,
                      body_retention_.keeps_nothing());
        return;
    }
    WebhookEnvelope envelope;
    try {
        envelope = parse_webhook_envelope(event.body);
    } catch (const WireError& e) {
        inbox_.finish(event.event_id, "failed", e.what(), at);
        return;
    }
    if (envelope.names_a_student()) {
        process_student_event(event, envelope);
        return;
    }
    auto collection =
        envelope.order_id.empty() ? std::nullopt : store_.by_order_id(envelope.order_id);
    if (!collection && !envelope.collection_id.empty()) {
        // Our create's answer was lost, but Jodo's event names our collection:
        // this is the order it made. Attach it, then verify it like any other.
        try {
            sync_.attach_if_named(envelope.collection_id, envelope.order_id);
        } catch (const std::exception& e) {
            log_.warn(std::string("could not confirm the order an event named: ") + e.what());
        }
        collection = store_.by_order_id(envelope.order_id);
    }
    if (!collection) {
        inbox_.finish(event.event_id, "ignored",
                      "order " + envelope.order_id + " was not created by this ERP", at,
                      body_retention_.keeps_nothing());
        return;
    }
    try {
        const auto status = sync_.sync(collection->collection_id);
        inbox_.finish(event.event_id, "processed",
                      "invoice " + collection->invoice_id + " is " +
                          (status ? to_text(*status) : std::string("gone")),
                      at, body_retention_.keeps_nothing());
    } catch (const JodoError& e) {
        after_failure(event, e.transient(), e.what());
    } catch (const std::exception& e) {
        // A database hiccup or a surprise: retry a few times, never forever,
        // and never hold up the rest of the batch.
        after_failure(event, true, e.what());
    }
}

void EventProcessor::after_failure(const InboxEvent& event, bool transient,
                                   const std::string& what) {
    if (transient && event.attempts + 1 < max_attempts_)
        inbox_.defer(event.event_id, "will retry: " + what);
    else
        // The reconciler (and the pull of student payments) still checks on
        // its own schedule.
        inbox_.finish(event.event_id, "failed", what, clock_.now_iso());
}

void EventProcessor::process_student_event(const InboxEvent& event,
                                           const WebhookEnvelope& envelope) {
    const std::string at = clock_.now_iso();
    if (!students_) {
        inbox_.finish(event.event_id, "ignored", "student events are not handled here", at,
                      body_retention_.keeps_nothing());
        return;
    }
    if (envelope.payment_id.empty()) {
        inbox_.finish(event.event_id, "failed",
                      "payload.payment_id: is missing (also payload.payment.id)", at);
        return;
    }
    try {
        inbox_.finish(event.event_id, "processed",
                      students_(envelope.student_id, envelope.payment_id), at,
                      body_retention_.keeps_nothing());
    } catch (const JodoError& e) {
        after_failure(event, e.transient(), e.what());
    } catch (const std::exception& e) {
        after_failure(event, true, e.what());
    }
}

}  // namespace jodo
