#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jodo/erp/Collection.hpp"
#include "jodo/erp/CollectionReader.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"

namespace jodo {

struct RemoteOrder;

// The module's state in the ERP database (jodo_collections and
// jodo_collection_lines) and the ERP mapping's write-backs (on_order,
// on_status, on_paid, on_settled). Every change of state is a conditional
// update that says whether it won; the write-back runs in the same
// transaction only when it did, so each is posted exactly once however often
// Jodo tells us, and a crash loses both or neither. Which moves are allowed,
// and with which write-backs, is the transition table's
// (jodo/erp/CollectionState.cpp). Where each move is written: a create's
// outcome in CollectionOutcomes.cpp, later moves in CollectionStore.cpp, bulk
// batches in CollectionBatches.cpp, the reconciler's claim in
// CollectionClaims.cpp; reads in CollectionReader.
class CollectionStore : public CollectionReader {
  public:
    using NowIso = std::function<std::string()>;

    // `mapping` may be null (no write-backs); it outlives the store.
    CollectionStore(Database& db, NowIso now_iso, const ErpMapping* mapping = nullptr);

    enum class Begin { started, already_active };

    // Records the intent to create: an active 'creating' row with its lines.
    // The partial unique index admits one active row per invoice; when another
    // exists, returns already_active and fills *existing with it.
    Begin begin(Collection& draft, Collection* existing);

    // The invoice could not become an order: an inactive 'rejected' row keeps
    // the reason. on_status tells the ERP only when no other collection
    // `holds` the invoice.
    void record_rejection(const std::string& invoice_id, CollectionKind kind, Paise amount,
                          const std::string& reason, bool another_holds_invoice = false);

    // Writes what Jodo reported, moving status only from `current.status` (so two
    // writers cannot move one row backwards). Returns false if the row had
    // moved on meanwhile; the caller re-reads and decides again. The next
    // check (empty: none) is written by the same statement, so a check costs
    // one commit, not two.
    bool apply_remote(const Collection& current, CollectionStatus new_status,
                      const RemoteOrder& remote, const std::string& review_reason,
                      bool holds_invoice, const std::string& next_check_at);

    // A create whose outcome is unknown shall not block the invoice any
    // longer: an accountant's decision, or (a Pay Order whose answer was lost,
    // CreateOutcome::Kind::lost) the module's. If Jodo later reports that
    // order, it is still recorded (and flagged when the invoice was collected
    // again).
    bool abandon(const Collection& collection, const std::string& reason);

    // Sets what a person must look at (replaces an earlier reason).
    void flag_review(const std::string& collection_id, const std::string& reason);

    // Names the order of a collection whose create outcome was unknown, once a
    // webhook or an operator tells us which order it was.
    bool attach_order(const Collection& collection, const std::string& order_id);

    void schedule_check(const std::string& collection_id, const std::string& next_check_at);

    // Open collections whose next check is due at `now_iso`: up to `limit`
    // (oldest due first) this process takes in one claim, each held until `lease_until` (their
    // next_check_at says so).
    std::vector<Collection> claim_due(const std::string& now_iso, const std::string& lease_until,
                                      int limit);
    // The WHERE condition of the claim (parameters: now, then the open
    // statuses), read in `next_check_at, collection_id` order from the index
    // jodo_collections_due_order.
    static std::string due_condition(erp_sql::Dialect dialect);
    // An unpaid collection replaced because its invoice changed; kept under
    // watch in case money still lands on it.
    bool supersede(const Collection& collection, const std::string& reason,
                   const std::string& next_check_at);

    // Batches (jodo/erp/CollectionBatches.cpp): bulk collection writes many
    // collections per transaction, each row under the same rule as above.

    // What Jodo answered to one create, to be written after it.
    struct CreateOutcome {
        // lost: a Pay Order whose answer never arrived. Its redirect URL
        // reached no one, so no one can pay it: the collection is abandoned
        // at once and the invoice may be collected again (docs/guarantees.md).
        enum class Kind { created, failed, unknown, lost };
        Kind kind = Kind::failed;
        Collection intent;  // as begin() or begin_many() recorded it
        std::string order_id, redirect_url, expires_at, next_check_at;  // created
        std::string error_code, reason;                                 // failed, unknown, lost
    };

    // begin() for every draft in ONE transaction. The one-active index still
    // decides per row: a draft whose invoice another collection holds is not
    // recorded (the insert ignores the conflict, so the batch survives it).
    // Returns, per draft, whether its intent was recorded.
    std::vector<bool> begin_many(std::vector<Collection>& drafts);
    // Writes one outcome in its own transaction (the single collect, the
    // reconciler's lost creates);
    // false if the row had moved on (another process, the reconciler).
    // `written` (may be null) gets the row as a created outcome left it.
    bool finish(const CreateOutcome& outcome, Collection* written = nullptr);
    // Writes every outcome in ONE transaction, each still conditional on the
    // row being the intent we wrote, the write-backs of the winners with it.
    // Returns the created ones whose row is no longer active (released while
    // the create was in flight): the caller flags the second order.
    std::vector<Collection> finish_many(const std::vector<CreateOutcome>& outcomes);

    // A check that found nothing new at Jodo: only its schedule moves.
    struct QuietCheck {
        std::string collection_id;
        CollectionStatus status;  // the status it was checked in
        std::string next_check_at;
    };
    // Writes every quiet check in ONE transaction (the reconciler's chunk),
    // each conditional on the row still being in the status it was checked
    // in: a row another writer moved meanwhile keeps what that writer wrote.
    // Returns how many were written.
    std::size_t reschedule_many(const std::vector<QuietCheck>& checks);

  private:
    // The conditional updates behind mark_* and finish*, on `session` inside
    // the caller's transaction; each says whether the row was still the intent.
    bool created_in(Poco::Data::Session& session, const Collection& intent,
                    const std::string& order_id, const std::string& redirect_url,
                    const std::string& expires_at, const std::string& next_check_at,
                    Collection* written = nullptr);
    bool failed_in(Poco::Data::Session& session, const Collection& intent,
                   const std::string& error_code, const std::string& reason);
    bool unknown_in(Poco::Data::Session& session, const Collection& intent,
                    const std::string& reason);
    bool abandon_in(Poco::Data::Session& session, const Collection& collection,
                    const std::string& reason);
    // Moves row `collection_id` to `to` when it is in one of `from` (the
    // transition table's, from_statuses) and `also_where` holds, setting
    // `set` ("column = ?, ...") from `values` and updated_at; the one
    // conditional update every move after creation runs. Whether it moved.
    bool move_row(Poco::Data::Session& session, const std::string& collection_id,
                  const std::vector<CollectionStatus>& from, CollectionStatus to,
                  const std::string& set, std::vector<erp_sql::NativeParam> values,
                  const std::string& also_where = "");
    // Whether an active collection holds `invoice_id`.
    bool invoice_held_in(Poco::Data::Session& session, const std::string& invoice_id);
    bool finish_in(Poco::Data::Session& session, const CreateOutcome& outcome,
                   Collection* written = nullptr);
    // Gives a draft its id, 'creating', active and timestamps.
    void stamp_intent(Collection& draft);

    // Runs write-back `which` for collection `c` (as the transition left it)
    // with `extra` values added, on `session` (inside the caller's
    // transaction); `allowed_write_backs` are the transition's, from the table.
    void write_back(Poco::Data::Session& session, WriteBack which, const Collection& c,
                    unsigned allowed_write_backs, const ErpValues& extra = {});

    NowIso now_iso_;
    const ErpMapping* mapping_;
};

}  // namespace jodo
