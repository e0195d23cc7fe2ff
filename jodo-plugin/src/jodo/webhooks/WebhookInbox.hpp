#pragma once

#include <string>
#include <vector>

#include "jodo/erp/Database.hpp"

namespace jodo {

struct InboxEvent {
    std::string event_id;
    std::string event;
    std::string order_id;
    std::string body;
    std::string state;  // pending | processing (claimed) | processed | ignored | failed
    int attempts = 0;
    std::string note;
    std::string received_at;
};

// An event to store, as it was received.
struct NewInboxEvent {
    std::string event_id;
    std::string event;
    std::string order_id;  // empty = none
    std::string body;
    std::string received_at;
};

// jodo_webhook_inbox: every accepted event, stored before Jodo gets its 2xx.
class WebhookInbox {
  public:
    explicit WebhookInbox(Database& db) : db_(db) {}

    enum class Stored { fresh, duplicate };
    // Inserts a pending event; a known event_id is a duplicate and changes
    // nothing. Throws (Poco::Exception) when the database cannot be reached.
    Stored store(const std::string& event_id, const std::string& event, const std::string& order_id,
                 const std::string& body, const std::string& received_at);
    // The same for many events in one transaction (group commit): one insert
    // that ignores a known event_id per event (an event_id twice in `events`:
    // the second is the duplicate), then one commit. All or nothing: throws
    // (Poco::Exception, erp_sql::NativeError) with none of them stored.
    std::vector<Stored> store_group(const std::vector<NewInboxEvent>& events);

    // Takes up to `limit` events for this process until `lease_until`.
    std::vector<InboxEvent> claim(const std::string& now_iso, const std::string& lease_until,
                                  int limit);
    // `clear_body` empties the stored body in the same update (a retention of
    // zero days keeps no payer data once the event is done with).
    void finish(const std::string& event_id, const std::string& state, const std::string& note,
                const std::string& at, bool clear_body = false);
    // Empties the body of every processed or ignored event finished before
    // `cutoff_iso` (payers' personal data is not kept forever); the row, its
    // event id (the duplicate guard) and the outcome stay. Returns how many.
    std::size_t clear_bodies_processed_before(const std::string& cutoff_iso);
    // A processing attempt failed for a reason that may pass (Jodo down).
    void defer(const std::string& event_id, const std::string& note);

  private:
    std::vector<InboxEvent> select(const std::string& where, int limit,
                                   const std::vector<std::string>& values);
    Database& db_;
};

}  // namespace jodo
