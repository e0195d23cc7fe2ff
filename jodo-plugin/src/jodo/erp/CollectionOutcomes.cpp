// CollectionStore's outcomes of a create: the conditional updates that turn
// an intent into 'unpaid' with its order, 'failed' or 'unknown', with the ERP
// write-backs of the one that won. mark_* run each in its own transaction (a
// single collect, the reconciler); the *_in forms run inside the caller's
// (bulk collection's outcome batches, jodo/erp/CollectionBatches.cpp).
#include "erp_sql/Transaction.hpp"
#include "jodo/api/bounded_text.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
using erp_sql::optional_text_param;
using erp_sql::text_param;

// Every stored reason is VARCHAR(1000): cut on a character boundary.
erp_sql::NativeParam reason_text(const std::string& text) {
    return erp_sql::unicode_param(bounded_text(text, 1000));
}
}  // namespace

bool CollectionStore::mark_created(const Collection& intent, const std::string& order_id,
                                   const std::string& redirect_url, const std::string& expires_at,
                                   const std::string& next_check_at, Collection* written) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const bool won =
        created_in(session, intent, order_id, redirect_url, expires_at, next_check_at, written);
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
    auto set_created = [&](const std::string& from, const std::string& or_from) {
        return db_.update_count(
            session,
            "UPDATE jodo_collections SET order_id = ?, redirect_url = ?, expires_at = ?, "
            "status = ?, error_code = NULL, error_reason = NULL, next_check_at = ?, updated_at = ? "
            "WHERE collection_id = ? AND order_id IS NULL AND status IN (?, ?)",
            {text_param(order_id), erp_sql::unicode_param(redirect_url),
             optional_text_param(expires_at), text_param(status::unpaid),
             optional_text_param(next_check_at), text_param(at), text_param(intent.collection_id),
             text_param(from), text_param(or_from)});
    };
    bool still_active = true;
    if (set_created(status::creating, status::unknown) == 0) {
        if (set_created(status::abandoned, status::abandoned) == 0)
            return false;
        still_active = false;
    }
    Collection after = intent;
    after.order_id = order_id;
    after.redirect_url = redirect_url;
    after.expires_at = expires_at;
    after.status = status::unpaid;
    after.active = still_active;
    after.error_code.clear();
    after.error_reason.clear();
    after.next_check_at = next_check_at;
    after.updated_at = at;
    write_back(session, erp_statement::on_order, after, status::unpaid);
    if (intent.active)
        write_back(session, erp_statement::on_status, after, status::unpaid);
    if (written)
        *written = after;
    return true;
}

void CollectionStore::mark_failed(const Collection& intent, const std::string& error_code,
                                  const std::string& reason) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    failed_in(session, intent, error_code, reason);
    tx.commit();
}

bool CollectionStore::failed_in(Poco::Data::Session& session, const Collection& intent,
                                const std::string& error_code, const std::string& reason) {
    // Also from 'unknown' or 'abandoned': a create that outlived the
    // reconciler's grace was taken for one left by a dead process (a Pay
    // Order's released), but Jodo has now answered that nothing was created.
    // Only while no order is attached (no event named one).
    const std::size_t changed = db_.update_count(
        session,
        "UPDATE jodo_collections SET status = ?, active = 0, error_code = ?, error_reason = ?, "
        "updated_at = ? WHERE collection_id = ? AND order_id IS NULL AND status IN (?, ?, ?)",
        {text_param(status::failed), text_param(error_code), reason_text(reason),
         text_param(now_iso_()), text_param(intent.collection_id), text_param(status::creating),
         text_param(status::unknown), text_param(status::abandoned)});
    // The ERP's status column belongs to the collection that holds the
    // invoice, if one was made since.
    if (changed == 1 && !invoice_held_in(session, intent.invoice_id)) {
        Collection after = intent;
        after.error_reason = reason;
        write_back(session, erp_statement::on_status, after, status::failed);
    }
    return changed == 1;
}

void CollectionStore::mark_unknown(const Collection& intent, const std::string& reason) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    unknown_in(session, intent, reason);
    tx.commit();
}

bool CollectionStore::unknown_in(Poco::Data::Session& session, const Collection& intent,
                                 const std::string& reason) {
    const std::size_t changed = db_.update_count(
        session,
        "UPDATE jodo_collections SET status = ?, error_code = ?, error_reason = ?, "
        "updated_at = ? WHERE collection_id = ? AND status = ?",
        {text_param(status::unknown), text_param("outcome_unknown"), reason_text(reason),
         text_param(now_iso_()), text_param(intent.collection_id), text_param(status::creating)});
    if (changed == 1 && intent.active) {
        Collection after = intent;
        after.error_reason = reason;
        write_back(session, erp_statement::on_status, after, status::unknown);
    }
    return changed == 1;
}

}  // namespace jodo
