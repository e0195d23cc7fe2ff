#include "jodo/erp/CollectionStore.hpp"

#include <sstream>

#include <Poco/UUIDGenerator.h>

#include <Poco/JSON/Object.h>

#include "erp_sql/Transaction.hpp"
#include "jodo/api/RemoteOrder.hpp"
#include "jodo/api/bounded_text.hpp"
#include "jodo/erp/CollectionParams.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
using erp_sql::decimal_param;
using erp_sql::integer_param;
using erp_sql::optional_text_param;
using erp_sql::optional_unicode_param;
using erp_sql::text_param;
using erp_sql::unicode_param;

std::string payment_json(const Collection& c, const RemoteOrder& remote,
                         const std::string& review) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("invoice_id", c.invoice_id);
    o.set("collection_id", c.collection_id);
    o.set("kind", to_text(c.kind));
    o.set("order_id", c.order_id);
    o.set("amount", format_rupees(c.amount));
    o.set("paid_amount", format_rupees(remote.total()));
    o.set("paid_at", remote.paid_at);
    o.set("transaction_id", remote.transaction_id);
    o.set("review", review);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

std::string new_id() {
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

}  // namespace

CollectionStore::CollectionStore(Database& db, NowIso now_iso, const ErpMapping* mapping)
    : CollectionReader(db), now_iso_(std::move(now_iso)), mapping_(mapping) {}

bool CollectionStore::move_row(Poco::Data::Session& session, const std::string& collection_id,
                               const std::vector<CollectionStatus>& from, CollectionStatus to,
                               const std::string& set, std::vector<erp_sql::NativeParam> values,
                               const std::string& also_where) {
    std::vector<erp_sql::NativeParam> params = {text_param(to_text(to))};
    params.insert(params.end(), values.begin(), values.end());
    params.push_back(text_param(now_iso_()));
    params.push_back(text_param(collection_id));
    return db_.prepared_update(session,
                               "UPDATE jodo_collections SET status = ?, " + set +
                                   ", updated_at = ? WHERE collection_id = ?" + also_where +
                                   " AND status IN " + in_list_sql(from.size()),
                               with_statuses(std::move(params), from)) == 1;
}

void CollectionStore::stamp_intent(Collection& draft) {
    draft.collection_id = new_id();
    draft.status = CollectionStatus::creating;
    draft.active = true;
    draft.created_at = draft.updated_at = now_iso_();
}

CollectionStore::Begin CollectionStore::begin(Collection& draft, Collection* existing) {
    stamp_intent(draft);
    auto session = db_.session();
    try {
        erp_sql::Transaction tx(session);
        db_.update_count(
            session,
            "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, "
            "amount, next_check_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {text_param(draft.collection_id), text_param(draft.invoice_id),
             text_param(to_text(draft.kind)), text_param(to_text(draft.status)), integer_param(1),
             decimal_param(format_rupees(draft.amount)), optional_text_param(draft.next_check_at),
             text_param(draft.created_at), text_param(draft.updated_at)});
        for (const auto& line : draft.lines)
            db_.update_count(
                session,
                "INSERT INTO jodo_collection_lines (collection_id, line_no, "
                "component_type, amount) VALUES (?, ?, ?, ?)",
                {text_param(draft.collection_id), integer_param(line.line_no),
                 text_param(line.component_type), decimal_param(format_rupees(line.amount))});
        tx.commit();
        return Begin::started;
    } catch (const std::exception&) {
        // Most likely the one-active-per-invoice index: find who holds it.
        auto holder = active_for(draft.invoice_id);
        if (!holder)
            throw;
        if (existing)
            *existing = *holder;
        return Begin::already_active;
    }
}

void CollectionStore::record_rejection(const std::string& invoice_id, CollectionKind kind,
                                       Paise amount, const std::string& reason,
                                       bool another_holds_invoice) {
    // The same refusal again (a second click, another server's bulk run)
    // adds nothing: the newest row already says it.
    const std::string stored_reason = bounded_text(reason, 1000);
    if (auto latest = latest_for(invoice_id); latest &&
                                              latest->status == CollectionStatus::rejected &&
                                              latest->error_reason == stored_reason)
        return;
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    Collection row;
    row.collection_id = new_id();
    row.invoice_id = invoice_id;
    row.kind = kind;
    row.status = CollectionStatus::rejected;
    row.amount = amount < 0 || amount > kMaxStoredPaise ? 0 : amount;
    row.error_reason = stored_reason;
    const std::string at = now_iso_();
    db_.update_count(
        session,
        "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, amount, "
        "error_code, error_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {text_param(row.collection_id), text_param(row.invoice_id), text_param(to_text(row.kind)),
         text_param(to_text(row.status)), integer_param(0),
         decimal_param(format_rupees(row.amount)), text_param("invalid_invoice"),
         unicode_param(stored_reason), text_param(at), text_param(at)});
    if (!another_holds_invoice)
        write_back(session, writes_status, row,
                   write_backs_of_new(CollectionEvent::recorded, CollectionStatus::rejected));
    tx.commit();
}

bool CollectionStore::apply_remote(const Collection& current, CollectionStatus new_status,
                                   const RemoteOrder& remote, const std::string& review_reason,
                                   bool holds_invoice, const std::string& next_check_at) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const std::string& id = current.collection_id;
    const unsigned may = write_backs_of(CollectionEvent::jodo_reported, current.status, new_status);
    // A status Jodo's documentation does not list is flagged, not believed:
    // nothing it says about a payment is recorded until a person has looked.
    const bool believed = is_known_remote_status(remote.status);
    const short active = holds_invoice && !is_inactive(new_status) ? 1 : 0;
    const std::size_t changed = db_.update_count(
        session,
        "UPDATE jodo_collections SET status = ?, active = ?, "
        "paid_at = COALESCE(?, paid_at), transaction_id = COALESCE(?, transaction_id), "
        "review_reason = COALESCE(?, review_reason), updated_at = ?, "
        "next_check_at = ?, check_count = check_count + 1 "
        "WHERE collection_id = ? AND status = ?",
        {text_param(to_text(new_status)), integer_param(active),
         optional_text_param(believed ? remote.paid_at : std::string()),
         optional_text_param(believed ? remote.transaction_id : std::string()),
         optional_unicode_param(bounded_text(review_reason, 1000)), text_param(now_iso_()),
         optional_text_param(next_check_at), text_param(id), text_param(to_text(current.status))});
    if (changed == 0)
        return false;  // another writer moved the row first; the caller re-reads
    Collection after = current;
    after.status = new_status;
    if (believed && !remote.paid_at.empty())
        after.paid_at = remote.paid_at;
    if (believed && !remote.transaction_id.empty())
        after.transaction_id = remote.transaction_id;
    if (!review_reason.empty())
        after.review_reason = review_reason;
    // The invoice's own status follows the collection that holds it.
    if (new_status != current.status && (current.active || active == 1))
        write_back(session, writes_status, after, may);
    // Money arrived: posted once, on the one update that moved the row into paid.
    if (is_paid(new_status) && !is_paid(current.status))
        write_back(session, writes_paid, after, may,
                   {{"paid_amount", format_rupees(remote.total())},
                    {"payment_json", payment_json(after, remote, after.review_reason)}});
    // Jodo's rows follow the order we sent them in, so the n-th remote row
    // belongs to our n-th line.
    const bool paid = believed && remote.status == "paid";
    for (std::size_t i = 0; i < remote.lines.size() && i < current.lines.size(); ++i) {
        const auto& line = remote.lines[i];
        const int line_no = current.lines[i].line_no;
        if (paid)
            db_.update_count(session,
                             "UPDATE jodo_collection_lines SET paid_amount = ? "
                             "WHERE collection_id = ? AND line_no = ? AND paid_amount IS NULL",
                             {decimal_param(format_rupees(line.amount)), text_param(id),
                              integer_param(line_no)});
        if (!believed || line.settlement_utr.empty())
            continue;
        const std::size_t settled =
            db_.update_count(session,
                             "UPDATE jodo_collection_lines SET settlement_utr = ?, settled_at = ? "
                             "WHERE collection_id = ? AND line_no = ? AND settlement_utr IS NULL",
                             {text_param(line.settlement_utr), optional_text_param(line.settled_at),
                              text_param(id), integer_param(line_no)});
        if (settled == 1)
            write_back(session, writes_settled, after, may,
                       {{"line_no", std::to_string(line_no)},
                        {"component_type", current.lines[i].component_type},
                        {"paid_amount", format_rupees(line.amount)},
                        {"settlement_utr", line.settlement_utr},
                        {"settled_at", line.settled_at.empty()
                                           ? std::optional<std::string>()
                                           : std::optional<std::string>(line.settled_at)}});
    }
    tx.commit();
    return true;
}

bool CollectionStore::invoice_held_in(Poco::Data::Session& session, const std::string& invoice_id) {
    return !erp_sql::NativeStatement(session,
                                     "SELECT 1 FROM jodo_collections WHERE invoice_id = ? AND "
                                     "active = 1",
                                     erp_sql::NativeStatement::Reuse::prepared)
                .run({text_param(invoice_id)})
                .rows.empty();
}

bool CollectionStore::attach_order(const Collection& collection, const std::string& order_id) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const auto to = CollectionStatus::unpaid;
    if (!move_row(session, collection.collection_id,
                  from_statuses(CollectionEvent::order_attached, to), to,
                  "order_id = ?, error_code = NULL, error_reason = NULL, next_check_at = ?",
                  {text_param(order_id), text_param(now_iso_())}, " AND order_id IS NULL"))
        return false;
    const unsigned may = write_backs_of(CollectionEvent::order_attached, collection.status, to);
    Collection after = collection;
    after.status = to;
    after.order_id = order_id;
    after.error_reason.clear();
    // The ERP's own columns show the invoice's live order: a released
    // collection's order goes there only while nothing else holds the invoice.
    if (collection.active || !invoice_held_in(session, collection.invoice_id))
        write_back(session, writes_order, after, may);
    if (collection.active)
        write_back(session, writes_status, after, may);
    tx.commit();
    return true;
}

void CollectionStore::flag_review(const std::string& collection_id, const std::string& reason) {
    auto session = db_.session();
    db_.update_count(
        session,
        "UPDATE jodo_collections SET review_reason = ?, updated_at = ? WHERE collection_id = ?",
        {reason_text(reason), text_param(now_iso_()), text_param(collection_id)});
}

bool CollectionStore::abandon(const Collection& collection, const std::string& reason) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const bool abandoned = abandon_in(session, collection, reason);
    tx.commit();
    return abandoned;
}

bool CollectionStore::abandon_in(Poco::Data::Session& session, const Collection& collection,
                                 const std::string& reason) {
    const auto to = CollectionStatus::abandoned;
    if (!move_row(session, collection.collection_id, from_statuses(CollectionEvent::released, to),
                  to, "active = 0, error_reason = ?, next_check_at = NULL", {reason_text(reason)}))
        return false;
    Collection after = collection;
    after.status = to;
    after.error_reason = reason;
    write_back(session, writes_status, after,
               write_backs_of(CollectionEvent::released, collection.status, to));
    return true;
}

void CollectionStore::schedule_check(const std::string& collection_id,
                                     const std::string& next_check_at) {
    auto session = db_.session();
    db_.update_count(session,
                     "UPDATE jodo_collections SET next_check_at = ?, check_count = check_count + 1 "
                     "WHERE collection_id = ?",
                     {optional_text_param(next_check_at), text_param(collection_id)});
}

bool CollectionStore::supersede(const Collection& collection, const std::string& reason,
                                const std::string& next_check_at) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const auto to = CollectionStatus::superseded;
    if (!move_row(session, collection.collection_id, from_statuses(CollectionEvent::superseded, to),
                  to, "active = 0, review_reason = ?, next_check_at = ?",
                  {reason_text(reason), optional_text_param(next_check_at)}))
        return false;
    Collection after = collection;
    after.status = to;
    after.review_reason = reason;
    write_back(session, writes_status, after,
               write_backs_of(CollectionEvent::superseded, collection.status, to));
    tx.commit();
    return true;
}

}  // namespace jodo
