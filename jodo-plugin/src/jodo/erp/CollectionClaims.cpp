// The reconciler's claim: due collections taken in chunks, each by exactly
// one of several servers, by moving their next check to the end of a lease.
#include <algorithm>

#include "erp_sql/Transaction.hpp"
#include "jodo/erp/CollectionParams.hpp"
#include "jodo/erp/CollectionStore.hpp"

namespace jodo {

// SQLite, without statistics, would rather take the index on status and sort
// every collection in a live status for each chunk (a backlog of 100,000
// sorted 100,000 rows per claim): the unary plus keeps it off that index.
std::string CollectionStore::due_condition(erp_sql::Dialect dialect) {
    return std::string("next_check_at IS NOT NULL AND next_check_at <= ? AND ") +
           (dialect == erp_sql::Dialect::sqlite ? "+" : "") + "status IN " +
           in_list_sql(open_statuses().size());
}

std::vector<Collection> CollectionStore::claim_due(const std::string& now_iso,
                                                   const std::string& lease_until, int limit) {
    // Due rows are taken by moving their next_check_at to the lease end, in
    // one statement per chunk: of several servers exactly one wins a row (a
    // row another claim holds locked is skipped, one it has just moved is no
    // longer due). If the winner dies, the lease ends and the row is due again.
    const std::string due = due_condition(db_.dialect());
    std::vector<std::string> values = {now_iso};
    for (CollectionStatus s : open_statuses())
        values.push_back(to_text(s));
    const std::string chunk =
        " ORDER BY next_check_at, collection_id LIMIT " + std::to_string(std::max(limit, 1));
    auto session = db_.session();
    std::vector<Collection> claimed;
    if (db_.dialect() == erp_sql::Dialect::mariadb) {
        // MariaDB has no UPDATE ... RETURNING: the rows are locked as they are
        // read (others skip them), moved, and committed together.
        erp_sql::Transaction tx(session);
        claimed = collections_from(
            erp_sql::NativeStatement(session, erp_sql::NativeStatement::Reuse::prepared,
                                     std::string("SELECT ") + kColumns +
                                         " FROM jodo_collections WHERE " + due + chunk +
                                         " FOR UPDATE SKIP LOCKED")
                .run(text_params(values)));
        if (claimed.empty())
            return claimed;
        std::vector<std::string> ids = {lease_until};
        std::string marks;
        for (const auto& c : claimed) {
            ids.push_back(c.collection_id);
            marks += marks.empty() ? "?" : ", ?";
        }
        erp_sql::NativeStatement(
            session, erp_sql::reuse_for_list(claimed.size(), std::size_t(std::max(limit, 1))),
            "UPDATE jodo_collections SET next_check_at = ? WHERE "
            "collection_id IN (" +
                marks + ")")
            .run(text_params(ids));
        tx.commit();
        for (auto& c : claimed)
            c.next_check_at = lease_until;
    } else {
        // PostgreSQL: rows locked by another claim are skipped, and a row
        // another claim moved first no longer matches when re-checked.
        // SQLite (3.35+ for RETURNING) has one writer at a time; its ODBC
        // driver returns rows only from a statement that reads first, hence
        // the WITH.
        const bool postgresql = db_.dialect() == erp_sql::Dialect::postgresql;
        std::vector<std::string> params = values;
        params.push_back(lease_until);
        params.push_back(now_iso);
        claimed = collections_from(
            erp_sql::NativeStatement(
                session, erp_sql::NativeStatement::Reuse::prepared,
                "WITH due AS (SELECT collection_id FROM jodo_collections WHERE " + due + chunk +
                    (postgresql ? " FOR UPDATE SKIP LOCKED" : "") +
                    ") UPDATE jodo_collections SET next_check_at = ? WHERE collection_id "
                    "IN (SELECT collection_id FROM due) AND next_check_at <= ? "
                    "RETURNING " +
                    kColumns)
                .run(text_params(params)));
    }
    load_lines(session, claimed);
    return claimed;
}
}  // namespace jodo
