#include "erp/CollectionStore.hpp"

#include "sql/NullableText.hpp"

#include <sstream>

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/Tuple.h>
#include <Poco/UUIDGenerator.h>

#include <Poco/JSON/Object.h>

#include "api/RemoteOrder.hpp"
#include "api/bounded_text.hpp"
#include "erp/mapping/ErpContract.hpp"
#include "sql/TextParam.hpp"
#include "sql/Transaction.hpp"

using namespace Poco::Data::Keywords;

namespace jodo {

bool is_inactive_status(const std::string& s) {
    return s == status::expired || s == status::cancelled || s == status::failed ||
           s == status::rejected || s == status::abandoned || s == status::superseded;
}

bool is_open_status(const std::string& s) {
    // A superseded Pay Order cannot be cancelled at Jodo, so money may still
    // land on it: it is watched like an open one.
    return s == status::creating || s == status::unknown || s == status::unpaid ||
           s == status::paid || s == status::superseded;
}

namespace {
using Text = erp_sql::NullableText;
using erp_sql::text_or_null;

// Every stored reason is VARCHAR(1000): cut on a character boundary.
Poco::UTF16String reason_text(const std::string& text) {
    return erp_sql::long_text(bounded_text(text, 1000));
}

bool is_paid_status(const std::string& s) {
    return s == status::paid || s == status::settled;
}

std::string payment_json(const Collection& c, const RemoteOrder& remote,
                         const std::string& review) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("invoice_id", c.invoice_id);
    o.set("collection_id", c.collection_id);
    o.set("kind", c.kind);
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
    : db_(db), now_iso_(std::move(now_iso)), mapping_(mapping) {}

void CollectionStore::stamp_intent(Collection& draft) {
    draft.collection_id = new_id();
    draft.status = status::creating;
    draft.active = true;
    draft.created_at = draft.updated_at = now_iso_();
}

CollectionStore::Begin CollectionStore::begin(Collection& draft, Collection* existing) {
    stamp_intent(draft);
    auto session = db_.session();
    try {
        erp_sql::Transaction tx(session);
        std::string amount = format_rupees(draft.amount);
        short active = 1;
        Text next_check = text_or_null(draft.next_check_at);
        session
            << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, "
               "amount, next_check_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            use(draft.collection_id), use(draft.invoice_id), use(draft.kind), use(draft.status),
            use(active), use(amount), use(next_check), use(draft.created_at), use(draft.updated_at),
            now;
        for (auto& line : draft.lines) {
            std::string line_amount = format_rupees(line.amount);
            session << "INSERT INTO jodo_collection_lines (collection_id, line_no, component_type, "
                       "amount) VALUES (?, ?, ?, ?)",
                use(draft.collection_id), use(line.line_no), use(line.component_type),
                use(line_amount), now;
        }
        tx.commit();
        return Begin::started;
    } catch (const Poco::Exception&) {
        // Most likely the one-active-per-invoice index: find who holds it.
        auto holder = active_for(draft.invoice_id);
        if (!holder)
            throw;
        if (existing)
            *existing = *holder;
        return Begin::already_active;
    }
}

void CollectionStore::record_rejection(const std::string& invoice_id, const std::string& kind,
                                       Paise amount, const std::string& reason,
                                       bool another_holds_invoice) {
    // The same refusal again (a second click, another server's bulk run)
    // adds nothing: the newest row already says it.
    const std::string stored_reason = bounded_text(reason, 1000);
    if (auto latest = latest_for(invoice_id);
        latest && latest->status == status::rejected && latest->error_reason == stored_reason)
        return;
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    Collection row;
    row.collection_id = new_id();
    row.invoice_id = invoice_id;
    row.kind = kind;
    row.status = status::rejected;
    row.amount = amount < 0 || amount > kMaxStoredPaise ? 0 : amount;
    row.error_reason = stored_reason;
    std::string amt = format_rupees(row.amount), code = "invalid_invoice", at = now_iso_();
    auto why = reason_text(reason);
    short active = 0;
    session
        << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, amount, "
           "error_code, error_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "?)",
        use(row.collection_id), use(row.invoice_id), use(row.kind), use(row.status), use(active),
        use(amt), use(code), use(why), use(at), use(at), now;
    if (!another_holds_invoice)
        write_back(session, erp_statement::on_status, row, status::rejected);
    tx.commit();
}

bool CollectionStore::apply_remote(const Collection& current, const std::string& new_status,
                                   const RemoteOrder& remote, const std::string& review_reason,
                                   bool holds_invoice, const std::string& next_check_at) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    std::string id = current.collection_id, st = new_status, from = current.status, at = now_iso_();
    // A status Jodo's documentation does not list is flagged, not believed:
    // nothing it says about a payment is recorded until a person has looked.
    const bool believed = is_known_remote_status(remote.status);
    Text paid_at = believed ? text_or_null(remote.paid_at) : Text(),
         txn = believed ? text_or_null(remote.transaction_id) : Text();
    auto review = erp_sql::long_text_or_null(bounded_text(review_reason, 1000));
    short active = holds_invoice && !is_inactive_status(new_status) ? 1 : 0;
    Text next = text_or_null(next_check_at);
    const std::size_t changed = db_.update_count(
        session,
        "UPDATE jodo_collections SET status = ?, active = ?, "
        "paid_at = COALESCE(?, paid_at), transaction_id = COALESCE(?, transaction_id), "
        "review_reason = COALESCE(?, review_reason), updated_at = ?, "
        "next_check_at = ?, check_count = check_count + 1 "
        "WHERE collection_id = ? AND status = ?",
        [&](Poco::Data::Statement& s) {
            s, use(st), use(active), use(paid_at), use(txn), use(review), use(at), use(next),
                use(id), use(from);
        });
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
        write_back(session, erp_statement::on_status, after, new_status);
    // Money arrived: posted once, on the one update that moved the row into paid.
    if (is_paid_status(new_status) && !is_paid_status(current.status))
        write_back(session, erp_statement::on_paid, after, new_status,
                   {{"paid_amount", format_rupees(remote.total())},
                    {"payment_json", payment_json(after, remote, after.review_reason)}});
    // Jodo's rows follow the order we sent them in, so the n-th remote row
    // belongs to our n-th line.
    const bool paid = believed && remote.status == "paid";
    for (std::size_t i = 0; i < remote.lines.size() && i < current.lines.size(); ++i) {
        const auto& line = remote.lines[i];
        int line_no = current.lines[i].line_no;
        if (paid) {
            std::string paid_amount = format_rupees(line.amount);
            session << "UPDATE jodo_collection_lines SET paid_amount = ? "
                       "WHERE collection_id = ? AND line_no = ? AND paid_amount IS NULL",
                use(paid_amount), use(id), use(line_no), now;
        }
        if (!believed || line.settlement_utr.empty())
            continue;
        std::string utr = line.settlement_utr;
        Text settled_at = text_or_null(line.settled_at);
        const std::size_t settled = db_.update_count(
            session,
            "UPDATE jodo_collection_lines SET settlement_utr = ?, settled_at = ? "
            "WHERE collection_id = ? AND line_no = ? AND settlement_utr IS NULL",
            [&](Poco::Data::Statement& s) { s, use(utr), use(settled_at), use(id), use(line_no); });
        if (settled == 1)
            write_back(session, erp_statement::on_settled, after, new_status,
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

bool CollectionStore::attach_order(const Collection& collection, const std::string& order_id) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    std::string id = collection.collection_id, oid = order_id, st = status::unpaid, at = now_iso_(),
                creating = status::creating, unknown = status::unknown,
                abandoned = status::abandoned;
    if (db_.update_count(session,
                         "UPDATE jodo_collections SET order_id = ?, status = ?, error_code = NULL, "
                         "error_reason = NULL, next_check_at = ?, updated_at = ? "
                         "WHERE collection_id = ? AND order_id IS NULL AND status IN (?, ?, ?)",
                         {oid, st, at, at, id, creating, unknown, abandoned}) == 0)
        return false;
    Collection after = collection;
    after.order_id = order_id;
    after.error_reason.clear();
    write_back(session, erp_statement::on_order, after, status::unpaid);
    if (collection.active)
        write_back(session, erp_statement::on_status, after, status::unpaid);
    tx.commit();
    return true;
}

void CollectionStore::flag_review(const std::string& collection_id, const std::string& reason) {
    auto session = db_.session();
    std::string id = collection_id, at = now_iso_();
    auto why = reason_text(reason);
    session
        << "UPDATE jodo_collections SET review_reason = ?, updated_at = ? WHERE collection_id = ?",
        use(why), use(at), use(id), now;
}

bool CollectionStore::abandon(const Collection& collection, const std::string& reason) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    std::string id = collection.collection_id, st = status::abandoned, at = now_iso_(),
                unknown = status::unknown, creating = status::creating;
    auto why = reason_text(reason);
    if (db_.update_count(
            session,
            "UPDATE jodo_collections SET status = ?, active = 0, error_reason = ?, "
            "next_check_at = NULL, updated_at = ? WHERE collection_id = ? AND status IN (?, ?)",
            [&](Poco::Data::Statement& s) {
                s, use(st), use(why), use(at), use(id), use(unknown), use(creating);
            }) == 0)
        return false;
    Collection after = collection;
    after.error_reason = reason;
    write_back(session, erp_statement::on_status, after, status::abandoned);
    tx.commit();
    return true;
}

void CollectionStore::schedule_check(const std::string& collection_id,
                                     const std::string& next_check_at) {
    auto session = db_.session();
    std::string id = collection_id;
    Text next = text_or_null(next_check_at);
    session << "UPDATE jodo_collections SET next_check_at = ?, check_count = check_count + 1 "
               "WHERE collection_id = ?",
        use(next), use(id), now;
}

bool CollectionStore::supersede(const Collection& collection, const std::string& reason,
                                const std::string& next_check_at) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    std::string id = collection.collection_id, st = status::superseded, at = now_iso_(),
                from = status::unpaid;
    Text next = text_or_null(next_check_at);
    auto why = reason_text(reason);
    if (db_.update_count(session,
                         "UPDATE jodo_collections SET status = ?, active = 0, review_reason = ?, "
                         "next_check_at = ?, updated_at = ? WHERE collection_id = ? AND status = ?",
                         [&](Poco::Data::Statement& s) {
                             s, use(st), use(why), use(next), use(at), use(id), use(from);
                         }) == 0)
        return false;
    Collection after = collection;
    after.review_reason = reason;
    write_back(session, erp_statement::on_status, after, status::superseded);
    tx.commit();
    return true;
}

}  // namespace jodo
