// CollectionStore's outcomes of a create: the conditional updates that turn
// an intent into 'unpaid' with its order, 'failed' or 'unknown', with the ERP
// write-backs of the one that won. They run inside the caller's transaction:
// finish() (one create) or finish_many() (bulk collection's outcome batches,
// jodo/erp/CollectionBatches.cpp). The statuses they move from are the
// transition table's (jodo/erp/CollectionState.cpp).
#include "erp_sql/Transaction.hpp"
#include "jodo/erp/CollectionParams.hpp"
#include "jodo/erp/CollectionStore.hpp"

namespace jodo {

namespace {
using erp_sql::optional_text_param;
using erp_sql::text_param;
using S = CollectionStatus;
using E = CollectionEvent;
}  // namespace

bool CollectionStore::finish(const CreateOutcome& outcome, Collection* written) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const bool won = finish_in(session, outcome, written);
    tx.commit();
    return won;
}

bool CollectionStore::created_in(Poco::Data::Session& session, const Collection& intent,
                                 const std::string& order_id, const std::string& redirect_url,
                                 const std::string& expires_at, const std::string& next_check_at,
                                 Collection* written) {
    const std::string at = now_iso_();
    // From 'creating' or 'unknown' (the row still holds the invoice), else from
    // 'abandoned' (released meanwhile, so no longer active): which one matched
    // says what the row now is, without reading it back.
    auto set_created = [&](const std::vector<S>& from) {
        return move_row(session, intent.collection_id, from, S::unpaid,
                        "order_id = ?, redirect_url = ?, expires_at = ?, error_code = NULL, "
                        "error_reason = NULL, next_check_at = ?",
                        {text_param(order_id), erp_sql::unicode_param(redirect_url),
                         optional_text_param(expires_at), optional_text_param(next_check_at)},
                        " AND order_id IS NULL");
    };
    S from = S::creating;
    if (!set_created({S::creating, S::unknown})) {
        if (!set_created({S::abandoned}))
            return false;
        from = S::abandoned;
    }
    const unsigned may = write_backs_of(E::created, from, S::unpaid);
    Collection after = intent;
    after.order_id = order_id;
    after.redirect_url = redirect_url;
    after.expires_at = expires_at;
    after.status = S::unpaid;
    after.active = from != S::abandoned;
    after.error_code.clear();
    after.error_reason.clear();
    after.next_check_at = next_check_at;
    after.updated_at = at;
    write_back(session, writes_order, after, may);
    if (intent.active)
        write_back(session, writes_status, after, may);
    if (written)
        *written = after;
    return true;
}

bool CollectionStore::failed_in(Poco::Data::Session& session, const Collection& intent,
                                const std::string& error_code, const std::string& reason) {
    // Also from 'unknown' or 'abandoned': a create that outlived the
    // reconciler's grace was taken for one left by a dead process (a Pay
    // Order's released), but Jodo has now answered that nothing was created.
    // Only while no order is attached (no event named one).
    const bool changed =
        move_row(session, intent.collection_id, from_statuses(E::create_failed, S::failed),
                 S::failed, "active = 0, error_code = ?, error_reason = ?",
                 {text_param(error_code), reason_text(reason)}, " AND order_id IS NULL");
    // The ERP's status column belongs to the collection that holds the
    // invoice, if one was made since.
    if (changed && !invoice_held_in(session, intent.invoice_id)) {
        Collection after = intent;
        after.status = S::failed;
        after.error_reason = reason;
        write_back(session, writes_status, after,
                   write_backs_of(E::create_failed, intent.status, S::failed));
    }
    return changed;
}

bool CollectionStore::unknown_in(Poco::Data::Session& session, const Collection& intent,
                                 const std::string& reason) {
    const bool changed = move_row(
        session, intent.collection_id, from_statuses(E::create_lost, S::unknown), S::unknown,
        "error_code = ?, error_reason = ?", {text_param("outcome_unknown"), reason_text(reason)});
    if (changed && intent.active) {
        Collection after = intent;
        after.status = S::unknown;
        after.error_reason = reason;
        write_back(session, writes_status, after,
                   write_backs_of(E::create_lost, intent.status, S::unknown));
    }
    return changed;
}

}  // namespace jodo
