#include "jodo/webhooks/WebhookInbox.hpp"

#include <stdexcept>

#include "erp_sql/Transaction.hpp"
#include "jodo/api/bounded_text.hpp"

namespace jodo {

WebhookInbox::Stored WebhookInbox::store(const std::string& event_id, const std::string& event,
                                         const std::string& order_id, const std::string& body,
                                         const std::string& received_at) {
    return store_group({{event_id, event, order_id, body, received_at}}).front();
}

std::vector<WebhookInbox::Stored> WebhookInbox::store_group(
    const std::vector<NewInboxEvent>& events) {
    // A known event_id is skipped by the insert itself, so a redelivery racing
    // its first delivery (in this process or another) waits for that one's
    // row instead of failing the whole group. Every value here was checked
    // against its column (WebhookEnvelope.cpp: lengths, valid UTF-8), as
    // Database::insert_once asks.
    const std::string columns =
        "jodo_webhook_inbox (event_id, event, order_id, body, state, received_at) "
        "VALUES (?, ?, ?, ?, 'pending', ?)";
    const std::string insert = db_.insert_once(columns);
    std::vector<Stored> stored;
    stored.reserve(events.size());
    auto session = db_.session();
    erp_sql::Transaction transaction(session);
    // Prepared once per connection, run once per event; the count is the
    // driver's for that insert (0: the event_id was known).
    for (const auto& e : events)
        stored.push_back(
            db_.update_count(
                session, insert,
                {erp_sql::text_param(e.event_id), erp_sql::text_param(e.event),
                 erp_sql::optional_text_param(e.order_id), erp_sql::unicode_param(e.body),
                 erp_sql::text_param(e.received_at)}) == 1
                ? Stored::fresh
                : Stored::duplicate);
    transaction.commit();
    return stored;
}

std::vector<InboxEvent> WebhookInbox::select(const std::string& where, int limit,
                                             const std::vector<std::string>& values) {
    auto session = db_.session();
    std::vector<erp_sql::NativeParam> params;
    for (const auto& value : values)
        params.push_back(erp_sql::text_param(value));
    // Read as the driver's text (any length; a body is exactly the bytes
    // stored), prepared once per connection: the worker asks on every round.
    const erp_sql::NativeRows rows =
        erp_sql::NativeStatement(
            session, erp_sql::NativeStatement::Reuse::prepared,
            "SELECT event_id, event, order_id, body, state, attempts, note, received_at "
            "FROM jodo_webhook_inbox " +
                where + " ORDER BY received_at, event_id" +
                (limit > 0 ? " LIMIT " + std::to_string(limit) : std::string()))
            .run(params);
    std::vector<InboxEvent> out;
    for (const auto& r : rows.rows) {
        const auto text = [&r](std::size_t i) { return r.at(i).value_or(""); };
        int attempts = 0;
        try {
            attempts = std::stoi(text(5));
        } catch (const std::exception&) {
            throw erp_sql::NativeError("22018", "jodo_webhook_inbox.attempts holds \"" + text(5) +
                                                    "\" for event " + text(0));
        }
        out.push_back({text(0), text(1), text(2), text(3), text(4), attempts, text(6), text(7)});
    }
    return out;
}

std::vector<InboxEvent> WebhookInbox::claim(const std::string& now_iso,
                                            const std::string& lease_until, int limit) {
    // Candidates: pending, or claimed by a process whose lease ran out (it
    // died mid-event). Each is taken by a conditional update, so of several
    // processes exactly one wins it; the others move on.
    auto candidates =
        select("WHERE state = 'pending' OR (state = 'processing' AND claimed_until < ?)", limit,
               {now_iso});
    std::vector<InboxEvent> claimed;
    auto session = db_.session();
    for (auto& event : candidates) {
        if (db_.update_count(session,
                             "UPDATE jodo_webhook_inbox SET state = 'processing', "
                             "claimed_until = ? WHERE event_id = ? AND (state = 'pending' "
                             "OR (state = 'processing' AND claimed_until < ?))",
                             {lease_until, event.event_id, now_iso}) == 1) {
            event.state = "processing";
            claimed.push_back(std::move(event));
        }
    }
    return claimed;
}

void WebhookInbox::finish(const std::string& event_id, const std::string& state,
                          const std::string& note, const std::string& at, bool clear_body) {
    auto session = db_.session();
    db_.update_count(session,
                     "UPDATE jodo_webhook_inbox SET state = ?, note = ?, processed_at = ?, "
                     "attempts = attempts + 1, body = CASE WHEN ? = 'clear' THEN '' ELSE body END "
                     "WHERE event_id = ? AND state IN ('pending', 'processing')",
                     {erp_sql::text_param(state), erp_sql::unicode_param(bounded_text(note, 1000)),
                      erp_sql::text_param(at), erp_sql::text_param(clear_body ? "clear" : "keep"),
                      erp_sql::text_param(event_id)});
}

std::size_t WebhookInbox::clear_bodies_processed_before(const std::string& cutoff_iso) {
    auto session = db_.session();
    return db_.update_count(session,
                            "UPDATE jodo_webhook_inbox SET body = '' WHERE state IN ('processed', "
                            "'ignored') AND processed_at IS NOT NULL AND processed_at <= ? AND "
                            "body <> ''",
                            std::vector<std::string>{cutoff_iso});
}

void WebhookInbox::defer(const std::string& event_id, const std::string& note) {
    auto session = db_.session();
    db_.update_count(
        session,
        "UPDATE jodo_webhook_inbox SET state = 'pending', claimed_until = NULL, "
        "attempts = attempts + 1, note = ? WHERE event_id = ?",
        {erp_sql::unicode_param(bounded_text(note, 1000)), erp_sql::text_param(event_id)});
}

}  // namespace jodo
