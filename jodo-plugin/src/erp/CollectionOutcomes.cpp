// CollectionStore's outcomes of a create: the conditional updates that turn
// an intent into 'unpaid' with its order, 'failed' or 'unknown', with the ERP
// write-backs of the one that won. mark_* run each in its own transaction (a
// single collect, the reconciler); the *_in forms run inside the caller's
// (bulk collection's outcome batches, erp/CollectionBatches.cpp).
#include <Poco/Data/Statement.h>

#include "api/bounded_text.hpp"
#include "erp/CollectionStore.hpp"
#include "erp/mapping/ErpContract.hpp"
#include "sql/NullableText.hpp"
#include "sql/TextParam.hpp"
#include "sql/Transaction.hpp"

using namespace Poco::Data::Keywords;

namespace jodo {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::text_or_null;

// Every stored reason is VARCHAR(1000): cut on a character boundary.
Poco::UTF16String reason_text(const std::string& text) {
    return erp_sql::long_text(bounded_text(text, 1000));
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
    std::string id = intent.collection_id, oid = order_id, st = status::unpaid, at = now_iso_();
    auto url = erp_sql::long_text(redirect_url);
    Text exp = text_or_null(expires_at), next = text_or_null(next_check_at);
    // From 'creating' or 'unknown' (the row still holds the invoice), else from
    // 'abandoned' (released meanwhile, so no longer active): which one matched
    // says what the row now is, without reading it back.
    auto set_created = [&](std::string from, std::string or_from) {
        return db_.update_count(
            session,
            "UPDATE jodo_collections SET order_id = ?, redirect_url = ?, expires_at = ?, "
            "status = ?, error_code = NULL, error_reason = NULL, next_check_at = ?, updated_at = ? "
            "WHERE collection_id = ? AND order_id IS NULL AND status IN (?, ?)",
            [&](Poco::Data::Statement& s) {
                s, use(oid), use(url), use(exp), use(st), use(next), use(at), use(id), use(from),
                    use(or_from);
            });
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
    // Also from 'unknown': a create that outlived the reconciler's first check
    // was taken for one left by a dead process, but Jodo has now answered that
    // nothing was created. Only while no order is attached (no event named one).
    std::string id = intent.collection_id, code = error_code, st = status::failed, at = now_iso_(),
                from = status::creating, unknown = status::unknown;
    auto why = reason_text(reason);
    const std::size_t changed = db_.update_count(
        session,
        "UPDATE jodo_collections SET status = ?, active = 0, error_code = ?, error_reason = ?, "
        "updated_at = ? WHERE collection_id = ? AND order_id IS NULL AND status IN (?, ?)",
        [&](Poco::Data::Statement& s) {
            s, use(st), use(code), use(why), use(at), use(id), use(from), use(unknown);
        });
    if (changed == 1) {
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
    std::string id = intent.collection_id, st = status::unknown, at = now_iso_(),
                code = "outcome_unknown", from = status::creating;
    auto why = reason_text(reason);
    const std::size_t changed = db_.update_count(
        session,
        "UPDATE jodo_collections SET status = ?, error_code = ?, error_reason = ?, "
        "updated_at = ? WHERE collection_id = ? AND status = ?",
        [&](Poco::Data::Statement& s) {
            s, use(st), use(code), use(why), use(at), use(id), use(from);
        });
    if (changed == 1 && intent.active) {
        Collection after = intent;
        after.error_reason = reason;
        write_back(session, erp_statement::on_status, after, status::unknown);
    }
    return changed == 1;
}

}  // namespace jodo
