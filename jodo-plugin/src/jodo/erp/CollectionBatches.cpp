// CollectionStore's batches: bulk collection records a chunk's intents in one
// transaction and its outcomes in another, instead of two commits per invoice;
// the reconciler writes a chunk's quiet checks together.
// Every row keeps its own rule: an intent is refused by the one-active index
// when another collection holds the invoice, an outcome is a conditional
// update that loses when the row has moved on.
#include <set>

#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/Transaction.hpp"
#include "jodo/erp/CollectionStore.hpp"

namespace jodo {

namespace {
using erp_sql::NativeParam;

// Rows per multi-row INSERT: 9 parameters each stays under SQLite's oldest
// limit of 999 bound parameters.
constexpr std::size_t kRowsPerInsert = 100;

std::string marks(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += i == 0 ? "?" : ", ?";
    return out;
}

NativeParam text(const std::string& v) {
    return {v, NativeParam::Type::text};
}

NativeParam text_or_null(const std::string& v) {
    return {v.empty() ? std::optional<std::string>() : std::optional<std::string>(v),
            NativeParam::Type::text};
}

// A conflict with the one-active index skips that row only. A unique
// violation inside a transaction would abort the whole of it on PostgreSQL,
// so each dialect is told to ignore exactly that kind of conflict; any other
// error still fails the batch.
std::string insert_intents_sql(erp_sql::Dialect dialect, std::size_t rows) {
    std::string sql =
        "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, amount, "
        "next_check_at, created_at, updated_at) VALUES ";
    for (std::size_t i = 0; i < rows; ++i)
        sql += std::string(i == 0 ? "" : ", ") + "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (dialect == erp_sql::Dialect::mariadb)
        sql += " ON DUPLICATE KEY UPDATE collection_id = collection_id";
    else
        sql += " ON CONFLICT DO NOTHING";
    return sql;
}
}  // namespace

std::vector<bool> CollectionStore::begin_many(std::vector<Collection>& drafts) {
    std::vector<bool> started(drafts.size(), false);
    if (drafts.empty())
        return started;
    for (auto& d : drafts)
        stamp_intent(d);
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    for (std::size_t first = 0; first < drafts.size(); first += kRowsPerInsert) {
        const std::size_t last = std::min(drafts.size(), first + kRowsPerInsert);
        std::vector<NativeParam> params;
        for (std::size_t i = first; i < last; ++i) {
            const Collection& d = drafts[i];
            params.insert(params.end(), {text(d.collection_id),
                                         text(d.invoice_id),
                                         text(to_text(d.kind)),
                                         text(to_text(d.status)),
                                         {std::string("1"), NativeParam::Type::integer},
                                         {format_rupees(d.amount), NativeParam::Type::decimal},
                                         text_or_null(d.next_check_at),
                                         text(d.created_at),
                                         text(d.updated_at)});
        }
        erp_sql::NativeStatement(session, erp_sql::reuse_for_list(last - first, kRowsPerInsert),
                                 insert_intents_sql(db_.dialect(), last - first))
            .run(params);
    }
    // Which intents won: the rows that now carry our new ids.
    std::set<std::string> won;
    for (std::size_t first = 0; first < drafts.size(); first += 200) {
        const std::size_t last = std::min(drafts.size(), first + 200);
        std::vector<NativeParam> ids;
        for (std::size_t i = first; i < last; ++i)
            ids.push_back(text(drafts[i].collection_id));
        const auto rows =
            erp_sql::NativeStatement(session, erp_sql::reuse_for_list(ids.size(), 200),
                                     "SELECT collection_id FROM jodo_collections "
                                     "WHERE collection_id IN (" +
                                         marks(ids.size()) + ")")
                .run(ids);
        for (const auto& r : rows.rows)
            if (r[0])
                won.insert(*r[0]);
    }
    std::vector<NativeParam> lines;
    std::size_t line_rows = 0;
    auto flush_lines = [&] {
        if (line_rows == 0)
            return;
        std::string sql =
            "INSERT INTO jodo_collection_lines (collection_id, line_no, component_type, amount) "
            "VALUES ";
        for (std::size_t i = 0; i < line_rows; ++i)
            sql += std::string(i == 0 ? "" : ", ") + "(?, ?, ?, ?)";
        erp_sql::NativeStatement(session, erp_sql::reuse_for_list(line_rows, 2 * kRowsPerInsert),
                                 sql)
            .run(lines);
        lines.clear();
        line_rows = 0;
    };
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (won.count(drafts[i].collection_id) == 0)
            continue;
        started[i] = true;
        for (const auto& line : drafts[i].lines) {
            lines.insert(lines.end(), {text(drafts[i].collection_id),
                                       {std::to_string(line.line_no), NativeParam::Type::integer},
                                       text(line.component_type),
                                       {format_rupees(line.amount), NativeParam::Type::decimal}});
            if (++line_rows == 2 * kRowsPerInsert)
                flush_lines();
        }
    }
    flush_lines();
    tx.commit();
    return started;
}

bool CollectionStore::finish_in(Poco::Data::Session& session, const CreateOutcome& o,
                                Collection* written) {
    switch (o.kind) {
        case CreateOutcome::Kind::created:
            return created_in(session, o.intent, o.order_id, o.redirect_url, o.expires_at,
                              o.next_check_at, written);
        case CreateOutcome::Kind::unknown:
            return unknown_in(session, o.intent, o.reason);
        case CreateOutcome::Kind::lost:
            return abandon_in(session, o.intent, o.reason);
        case CreateOutcome::Kind::failed:
            break;
    }
    return failed_in(session, o.intent, o.error_code, o.reason);
}

std::vector<Collection> CollectionStore::finish_many(const std::vector<CreateOutcome>& outcomes) {
    // Released while its create was in flight (and perhaps collected again):
    // the update that attached the order says so, nothing is read back.
    std::vector<Collection> released;
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    for (const auto& o : outcomes) {
        Collection written;
        if (finish_in(session, o, &written) && o.kind == CreateOutcome::Kind::created &&
            !written.active)
            released.push_back(std::move(written));
    }
    tx.commit();
    return released;
}

std::size_t CollectionStore::reschedule_many(const std::vector<QuietCheck>& checks) {
    if (checks.empty())
        return 0;
    std::size_t written = 0;
    const std::string at = now_iso_();
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    for (const auto& c : checks)
        written +=
            db_.update_count(session,
                             "UPDATE jodo_collections SET updated_at = ?, next_check_at = ?, "
                             "check_count = check_count + 1 WHERE collection_id = ? AND status = ?",
                             {at, c.next_check_at, c.collection_id, to_text(c.status)});
    tx.commit();
    return written;
}

}  // namespace jodo
