#include "erp/CollectionStore.hpp"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/Tuple.h>
#include <Poco/UUIDGenerator.h>

#include "api/RemoteOrder.hpp"
#include "sql/Transaction.hpp"

using namespace Poco::Data::Keywords;

namespace jodo {

bool is_inactive_status(const std::string& s) {
    return s == status::expired || s == status::cancelled || s == status::failed ||
           s == status::rejected;
}

namespace {
using Text = Poco::Nullable<std::string>;

Text text_or_null(const std::string& value) {
    return value.empty() ? Text() : Text(value);
}
std::string or_empty(const Text& value) {
    return value.isNull() ? std::string() : value.value();
}

Paise paise_of(const std::string& column, const std::string& text) {
    auto value = parse_rupees(text);
    if (!value)
        throw std::runtime_error("jodo_collections." + column + " holds \"" + text + "\"");
    return *value;
}

const char* kColumns =
    "collection_id, invoice_id, kind, status, active, amount, order_id, redirect_url, expires_at, "
    "paid_at, transaction_id, error_code, error_reason, created_at, updated_at";
}  // namespace

CollectionStore::CollectionStore(Database& db, NowIso now_iso)
    : db_(db), now_iso_(std::move(now_iso)) {}

CollectionStore::Begin CollectionStore::begin(Collection& draft, Collection* existing) {
    draft.collection_id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    draft.status = status::creating;
    draft.active = true;
    draft.created_at = draft.updated_at = now_iso_();
    auto session = db_.session();
    try {
        erp_sql::Transaction tx(session);
        std::string amount = format_rupees(draft.amount);
        short active = 1;
        session << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, "
                   "amount, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            use(draft.collection_id), use(draft.invoice_id), use(draft.kind), use(draft.status),
            use(active), use(amount), use(draft.created_at), use(draft.updated_at), now;
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

void CollectionStore::mark_created(const std::string& collection_id, const std::string& order_id,
                                   const std::string& redirect_url, const std::string& expires_at) {
    auto session = db_.session();
    std::string id = collection_id, oid = order_id, url = redirect_url, st = status::unpaid,
                at = now_iso_(), from = status::creating;
    Text exp = text_or_null(expires_at);
    session << "UPDATE jodo_collections SET order_id = ?, redirect_url = ?, expires_at = ?, "
               "status = ?, error_code = NULL, error_reason = NULL, updated_at = ? "
               "WHERE collection_id = ? AND status IN (?, 'unknown')",
        use(oid), use(url), use(exp), use(st), use(at), use(id), use(from), now;
}

void CollectionStore::mark_failed(const std::string& collection_id, const std::string& error_code,
                                  const std::string& reason) {
    auto session = db_.session();
    std::string id = collection_id, code = error_code, why = reason, st = status::failed,
                at = now_iso_(), from = status::creating;
    session
        << "UPDATE jodo_collections SET status = ?, active = 0, error_code = ?, error_reason = ?, "
           "updated_at = ? WHERE collection_id = ? AND status = ?",
        use(st), use(code), use(why), use(at), use(id), use(from), now;
}

void CollectionStore::mark_unknown(const std::string& collection_id, const std::string& reason) {
    auto session = db_.session();
    std::string id = collection_id, why = reason, st = status::unknown, at = now_iso_(),
                code = "outcome_unknown", from = status::creating;
    session << "UPDATE jodo_collections SET status = ?, error_code = ?, error_reason = ?, "
               "updated_at = ? "
               "WHERE collection_id = ? AND status = ?",
        use(st), use(code), use(why), use(at), use(id), use(from), now;
}

void CollectionStore::record_rejection(const std::string& invoice_id, const std::string& kind,
                                       Paise amount, const std::string& reason) {
    auto session = db_.session();
    std::string id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    std::string inv = invoice_id, k = kind, st = status::rejected,
                amt = format_rupees(amount < 0 ? 0 : amount), code = "invalid_invoice",
                why = reason, at = now_iso_();
    short active = 0;
    session
        << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, amount, "
           "error_code, error_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "?)",
        use(id), use(inv), use(k), use(st), use(active), use(amt), use(code), use(why), use(at),
        use(at), now;
}

bool CollectionStore::apply_remote(const Collection& current, const std::string& new_status,
                                   const RemoteOrder& remote) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    {
        std::string id = current.collection_id, st = new_status, from = current.status,
                    at = now_iso_();
        Text paid_at = text_or_null(remote.paid_at), txn = text_or_null(remote.transaction_id);
        short active = is_inactive_status(new_status) ? 0 : 1;
        Poco::Data::Statement update(session);
        update << "UPDATE jodo_collections SET status = ?, active = ?, "
                  "paid_at = COALESCE(?, paid_at), transaction_id = COALESCE(?, transaction_id), "
                  "updated_at = ? WHERE collection_id = ? AND status = ?",
            use(st), use(active), use(paid_at), use(txn), use(at), use(id), use(from);
        if (update.execute() == 0)
            return false;
        // Jodo's rows follow the order we sent them in, so the n-th remote row
        // settles our n-th line.
        for (std::size_t i = 0; i < remote.lines.size() && i < current.lines.size(); ++i) {
            const auto& line = remote.lines[i];
            if (line.settlement_utr.empty())
                continue;
            std::string utr = line.settlement_utr;
            Text settled_at = text_or_null(line.settled_at);
            int line_no = current.lines[i].line_no;
            session << "UPDATE jodo_collection_lines SET settlement_utr = ?, settled_at = ? "
                       "WHERE collection_id = ? AND line_no = ?",
                use(utr), use(settled_at), use(id), use(line_no), now;
        }
        tx.commit();
        return true;
    }
}

std::vector<Collection> CollectionStore::select_where(const std::string& where,
                                                      const std::string& value) {
    auto session = db_.session();
    using Row = Poco::Tuple<std::string, std::string, std::string, std::string, short, std::string,
                            Text, Text, Text, Text, Text, Text, Text, std::string, std::string>;
    std::vector<Row> rows;
    std::string v = value;
    session << std::string("SELECT ") + kColumns + " FROM jodo_collections WHERE " + where +
                   " ORDER BY created_at DESC, collection_id",
        use(v), into(rows), now;
    std::vector<Collection> out;
    for (const auto& r : rows) {
        Collection c;
        c.collection_id = r.get<0>();
        c.invoice_id = r.get<1>();
        c.kind = r.get<2>();
        c.status = r.get<3>();
        c.active = r.get<4>() != 0;
        c.amount = paise_of("amount", r.get<5>());
        c.order_id = or_empty(r.get<6>());
        c.redirect_url = or_empty(r.get<7>());
        c.expires_at = or_empty(r.get<8>());
        c.paid_at = or_empty(r.get<9>());
        c.transaction_id = or_empty(r.get<10>());
        c.error_code = or_empty(r.get<11>());
        c.error_reason = or_empty(r.get<12>());
        c.created_at = r.get<13>();
        c.updated_at = r.get<14>();
        load_lines(session, c);
        out.push_back(std::move(c));
    }
    return out;
}

void CollectionStore::load_lines(Poco::Data::Session& session, Collection& c) {
    std::vector<Poco::Tuple<int, std::string, std::string, Text, Text>> rows;
    session << "SELECT line_no, component_type, amount, settlement_utr, settled_at "
               "FROM jodo_collection_lines WHERE collection_id = ? ORDER BY line_no",
        use(c.collection_id), into(rows), now;
    for (const auto& r : rows)
        c.lines.push_back({r.get<0>(), r.get<1>(), paise_of("line amount", r.get<2>()),
                           or_empty(r.get<3>()), or_empty(r.get<4>())});
}

std::optional<Collection> CollectionStore::active_for(const std::string& invoice_id) {
    auto rows = select_where("invoice_id = ? AND active = 1", invoice_id);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionStore::latest_for(const std::string& invoice_id) {
    auto rows = select_where("invoice_id = ?", invoice_id);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionStore::by_order_id(const std::string& order_id) {
    auto rows = select_where("order_id = ?", order_id);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionStore::by_id(const std::string& collection_id) {
    auto rows = select_where("collection_id = ?", collection_id);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

}  // namespace jodo
