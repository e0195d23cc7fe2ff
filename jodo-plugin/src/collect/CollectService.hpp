#pragma once

#include <functional>
#include <optional>
#include <string>

#include "api/JodoClient.hpp"
#include "collect/JobProgressReporter.hpp"
#include "erp/CollectionStore.hpp"
#include "erp/Database.hpp"
#include "erp/DatabaseOutage.hpp"
#include "erp/Invoice.hpp"
#include "erp/mapping/ErpMapping.hpp"
#include "erp_plugin/plugin.hpp"
#include "plugin/Clock.hpp"
#include "plugin/Log.hpp"

namespace jodo {

struct CollectSettings {
    std::string callback_url;
    int link_expiry_hours = 72;       // payment links expire this long after sending
    int first_check_s = 30;           // reconciler's first look after creation
    int max_check_interval_s = 1800;  // reconciler's checks double up to this
    int bulk_concurrency = 32;        // collect_all: invoices (Jodo requests) in flight at once
    int bulk_stop_after_unavailable = 10;  // collect_all stops after this many in a row
    int bulk_chunk_size = 128;             // collect_all: intents committed per transaction
    int bulk_send_within_s = 150;          // collect_all: an older intent is not sent
    int db_outage_wait_s = 180;            // Jodo's answers are kept and written again this long
};

// The invoice-screen actions: "collect" turns an invoice into a Jodo Pay Order
// (once), "send_link" into a Payment Link, "cancel_link" withdraws a link, and
// "refresh" asks Jodo where it stands and writes that back.
class CollectService {
  public:
    CollectService(Database& db, const ErpMapping& mapping, CollectionStore& store,
                   JodoClient& client, CollectSettings settings, Clock clock, Log log);

    erp_plugin::ActionResult collect(const std::string& invoice_id);
    erp_plugin::ActionResult send_link(const std::string& invoice_id);
    erp_plugin::ActionResult cancel_link(const std::string& invoice_id);
    erp_plugin::ActionResult refresh(const std::string& invoice_id);
    // An accountant's release of a create whose outcome stayed unknown.
    erp_plugin::ActionResult release_unknown(const std::string& invoice_id);

    // A Jodo event named `order_id` as the order of collection `collection_id`
    // (a create whose answer was lost): attach it if Jodo confirms it.
    bool attach_if_named(const std::string& collection_id, const std::string& order_id);
    // Flags `late` when another collection holds its invoice: two orders exist.
    void flag_second_order(const Collection& late);
    // Bulk collection (collect/BulkCollect.cpp): every invoice
    // jodo.erp.open_invoices returns for `filters` (the bulk action's
    // parameters) gets a Pay Order unless one is active, with up to
    // bulk_concurrency invoices in flight; it stops early when Jodo is down.
    // Several servers may run it at once: the one-active index decides.
    // `progress` hears how far it has got (may be empty).
    erp_plugin::ActionResult collect_all(const erp_plugin::Fields& filters,
                                         JobProgressReporter::Sink progress = {});

    // Asks Jodo about one collection (Get Pay Order or Get Payment Link) and
    // applies the answer forward-only, flagging what needs a person. This is
    // the only way a collection's status changes after creation: webhooks and
    // the reconciler call it too. Returns the status it ends in.
    std::string sync(const std::string& collection_id);
    // The same for a row the caller has just read (the reconciler's claim),
    // without reading it again. A check that changes nothing but the next
    // check is handed to `defer` instead of written, for the caller to write
    // with others in one transaction; until then the row stays as claimed.
    using DeferSchedule = std::function<void(CollectionStore::QuietCheck)>;
    std::string sync(const Collection& claimed, const DeferSchedule& defer);

    // When the reconciler should look at this collection again after `checks` looks.
    std::string next_check_after(int checks) const;

    const Log& log() const { return log_; }

  private:
    // What start_collection did, for counting without reading messages.
    enum class Outcome { created, existing, refused, failed };
    struct Started {
        erp_plugin::ActionResult result;
        Outcome outcome;
    };
    Started start_collection(const std::string& invoice_id, const std::string& kind);
    // sync() from `current` (empty: not found); `defer` may be empty.
    std::string sync_from(std::optional<Collection> current, const DeferSchedule& defer);

    // The steps of one collection, shared by start_collection (one invoice)
    // and collect_all's pipeline (collect/BulkCollect.cpp).
    struct Prepared {
        std::optional<Started> done;  // decided without asking Jodo
        Invoice invoice;
        Collection draft;  // the intent to record when not done
    };
    // Everything before the intent: what to do about `active` (the invoice's
    // active collection, read by the caller), the invoice read through the
    // mapping on `session`, validation and the draft of the intent.
    Prepared prepare_collection(Poco::Data::Session& session, const std::string& invoice_id,
                                const std::string& kind, const std::optional<Collection>& active);
    struct Sent {
        CollectionStore::CreateOutcome outcome;
        erp_plugin::StatusCode code = erp_plugin::StatusCode::ok;  // ok when created
        std::string message;  // for the accountant when not created
    };
    // The one create request for a recorded intent, with the client's retry
    // rules; a lost answer is never sent again: 'unknown' for a payment link,
    // 'lost' (released) for a Pay Order (lose_answer).
    Sent send_create(const Collection& intent, const Invoice& invoice);
    static void lose_answer(Sent& sent);
    // collect_all's intents recorded (CollectionStore::begin_many) through a
    // deadlock and a database outage; per draft, whether it was recorded.
    std::vector<bool> record_intents(std::vector<Collection>& drafts);
    // For the log when an answer could not be written at all: names the order
    // so that a person can attach it.
    static std::string unrecorded_message(const Sent& sent);
    static Outcome outcome_of(erp_plugin::StatusCode code);
    erp_plugin::ActionResult describe(const Collection& c, const std::string& message);
    // Withdraws `old` because the invoice changed; a result means "stop here".
    std::optional<erp_plugin::ActionResult> supersede(const Collection& old,
                                                      const Invoice& invoice);

    Database& db_;
    const ErpMapping& mapping_;
    CollectionStore& store_;
    JodoClient& client_;
    CollectSettings settings_;
    Clock clock_;
    Log log_;
    // Outcomes Jodo answered are written through a database outage.
    DatabaseOutage outage_;
};

// What a person must look at, given what we asked for and what Jodo reports;
// empty when nothing. Pure, so it is tested on its own.
std::string review_reason_for(const Collection& current, const RemoteOrder& remote);

}  // namespace jodo
