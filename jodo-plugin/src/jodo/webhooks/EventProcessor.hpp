#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "jodo/api/WebhookEnvelope.hpp"
#include "jodo/core/RetentionSchedule.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/sync/CollectionSync.hpp"
#include "jodo/webhooks/WebhookInbox.hpp"

namespace jodo {

// Turns stored webhook events into ERP state. An event only says "look at
// order X": the state written is always what Jodo's Get API returns (verify
// by fetch), through CollectionSync::sync, forward-only. So duplicates,
// reordering and forged bodies cannot put a wrong state in the ERP.
class EventProcessor {
  public:
    EventProcessor(WebhookInbox& inbox, CollectionStore& store, CollectionSync& sync, Clock clock,
                   Log log, int max_attempts = 20);

    // Processes up to `limit` pending events; returns how many were finished.
    // Stops between events once *stop is set (plugin shutdown).
    int process_pending(int limit, const std::atomic<bool>* stop = nullptr);

    // Student events (payment.debited / payment.settled naming a student) go
    // to this handler, which verifies them by fetching; it returns the note
    // kept with the event and throws JodoError when Jodo cannot be asked.
    // Without one they are acknowledged and ignored.
    using StudentEventHandler = std::function<std::string(const std::string& jodo_student_id,
                                                          const std::string& payment_id)>;
    void set_student_handler(StudentEventHandler handler) { students_ = std::move(handler); }

    // Bodies of events processed longer ago than this are cleared (they hold
    // payers' phones and emails); checked at most once a minute. Negative = keep.
    void set_body_retention_ms(std::int64_t ms) { body_retention_.set_keep_ms(ms); }

  private:
    void process(const InboxEvent& event);
    void process_student_event(const InboxEvent& event, const WebhookEnvelope& envelope);
    // Defers or fails an event whose processing threw.
    void after_failure(const InboxEvent& event, bool transient, const std::string& what);

    WebhookInbox& inbox_;
    CollectionStore& store_;
    CollectionSync& sync_;
    Clock clock_;
    Log log_;
    int max_attempts_;
    RetentionSchedule body_retention_;
    StudentEventHandler students_;
};

}  // namespace jodo
