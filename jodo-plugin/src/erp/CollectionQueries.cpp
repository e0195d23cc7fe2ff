// CollectionStore's reads: one collection or many, with their lines.
#include "erp/CollectionStore.hpp"

#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/Tuple.h>

#include "sql/NullableText.hpp"

using namespace Poco::Data::Keywords;

namespace jodo {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::or_empty;

Paise paise_of(const std::string& column, const std::string& text) {
    auto value = parse_rupees(text);
    if (!value)
        throw std::runtime_error("jodo_collections." + column + " holds \"" + text + "\"");
    return *value;
}

// Amounts are read as text the database renders (CAST): the drivers' own
// DECIMAL-to-string paths go through a double and lose digits (SQLite gave
// 123456789012.3, psqlODBC 123456789012).
const char* kColumns =
    "collection_id, invoice_id, kind, status, active, CAST(amount AS VARCHAR(40)), order_id, "
    "redirect_url, expires_at, "
    "paid_at, transaction_id, error_code, error_reason, review_reason, next_check_at, check_count, "
    "created_at, updated_at";
}  // namespace

std::vector<Collection> CollectionStore::select_where(const std::string& where,
                                                      const std::vector<std::string>& values,
                                                      const std::string& order_by, int limit) {
    auto session = db_.session();
    using Row =
        Poco::Tuple<std::string, std::string, std::string, std::string, short, std::string, Text,
                    Text, Text, Text, Text, Text, Text, Text, Text, int, std::string, std::string>;
    std::vector<Row> rows;
    std::vector<std::string> bound = values;
    Poco::Data::Statement select(session);
    select << std::string("SELECT ") + kColumns + " FROM jodo_collections WHERE " + where +
                  " ORDER BY " + order_by +
                  (limit > 0 ? " LIMIT " + std::to_string(limit) : std::string()),
        into(rows);
    for (auto& value : bound)
        select, use(value);
    select.execute();
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
        c.review_reason = or_empty(r.get<13>());
        c.next_check_at = or_empty(r.get<14>());
        c.check_count = r.get<15>();
        c.created_at = r.get<16>();
        c.updated_at = r.get<17>();
        load_lines(session, c);
        out.push_back(std::move(c));
    }
    return out;
}

void CollectionStore::load_lines(Poco::Data::Session& session, Collection& c) {
    std::vector<Poco::Tuple<int, std::string, std::string, Text, Text, Text>> rows;
    session << "SELECT line_no, component_type, CAST(amount AS VARCHAR(40)), "
               "CAST(paid_amount AS VARCHAR(40)), settlement_utr, settled_at "
               "FROM jodo_collection_lines WHERE collection_id = ? ORDER BY line_no",
        use(c.collection_id), into(rows), now;
    for (const auto& r : rows) {
        CollectionLine line{r.get<0>(), r.get<1>(),           paise_of("line amount", r.get<2>()),
                            -1,         or_empty(r.get<4>()), or_empty(r.get<5>())};
        if (!r.get<3>().isNull())
            line.paid_amount = paise_of("paid_amount", r.get<3>().value());
        c.lines.push_back(line);
    }
}

std::optional<Collection> CollectionStore::active_for(const std::string& invoice_id) {
    auto rows = select_where("invoice_id = ? AND active = 1", {invoice_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionStore::latest_for(const std::string& invoice_id) {
    auto rows = select_where("invoice_id = ?", {invoice_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionStore::by_order_id(const std::string& order_id) {
    auto rows = select_where("order_id = ?", {order_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionStore::by_id(const std::string& collection_id) {
    auto rows = select_where("collection_id = ?", {collection_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::vector<Collection> CollectionStore::due_for_check(const std::string& now_iso, int limit) {
    return select_where(
        "next_check_at IS NOT NULL AND next_check_at <= ? AND status IN (?, ?, ?, ?, ?)",
        {now_iso, status::creating, status::unknown, status::unpaid, status::paid,
         status::superseded},
        "next_check_at, collection_id", limit);
}

std::vector<Collection> CollectionStore::claim_due(const std::string& now_iso,
                                                   const std::string& lease_until, int limit) {
    // Each due row is taken by moving its next_check_at to the lease end, on
    // the condition that it still has the value we read: of several servers
    // exactly one wins a row. If the winner dies, the lease ends and the row
    // is due again.
    std::vector<Collection> claimed;
    auto session = db_.session();
    for (auto& c : due_for_check(now_iso, limit)) {
        if (db_.update_count(session,
                             "UPDATE jodo_collections SET next_check_at = ? "
                             "WHERE collection_id = ? AND next_check_at = ?",
                             {lease_until, c.collection_id, c.next_check_at}) == 1)
            claimed.push_back(std::move(c));
    }
    return claimed;
}
}  // namespace jodo
