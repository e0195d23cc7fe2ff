#pragma once

#include <functional>
#include <optional>
#include <string>

#include "erp_plugin/plugin.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/JobProgressReporter.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/DatabaseOutage.hpp"
#include "jodo/erp/Invoice.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "jodo/sync/CollectionSync.hpp"

namespace jodo {

struct CollectSettings {
    std::string callback_url;
    int link_expiry_hours = 72;  // payment links expire this long after sending
    int bulk_concurrency = 32;   // collect_all: invoices (Jodo requests) in flight at once
    int bulk_stop_after_unavailable = 10;  // collect_all stops after this many in a row
    int bulk_chunk_size = 128;             // collect_all: intents committed per transaction
    int bulk_send_within_s = 150;          // collect_all: an older intent is not sent
    int db_outage_wait_s = 180;            // Jodo's answers are kept and written again this long
};

// The invoice-screen actions: "collect" turns an invoice into a Jodo Pay Order
// (once), "send_link" into a Payment Link, "cancel_link" withdraws a link, and
// "refresh" asks Jodo where it stands and writes that back (CollectionSync).
class CollectService {
  public:
    CollectService(Database& db, const ErpMapping& mapping, CollectionStore& store,
                   JodoClient& client, CollectionSync& sync, CollectSettings settings, Clock clock,
                   Log log);

    erp_plugin::ActionResult collect(const std::string& invoice_id);
    erp_plugin::ActionResult send_link(const std::string& invoice_id);
    erp_plugin::ActionResult cancel_link(const std::string& invoice_id);
    erp_plugin::ActionResult refresh(const std::string& invoice_id);
    // An accountant's release of a create whose outcome stayed unknown.
    erp_plugin::ActionResult release_unknown(const std::string& invoice_id);

    // Bulk collection (jodo/collect/BulkCollect.cpp): every invoice
    // jodo.erp.open_invoices returns for `filters` (the bulk action's
    // parameters) gets a Pay Order unless one is active, with up to
    // bulk_concurrency invoices in flight; it stops early when Jodo is down.
    // Several servers may run it at once: the one-active index decides.
    // `progress` hears how far it has got (may be empty).
    erp_plugin::ActionResult collect_all(const erp_plugin::Fields& filters,
                                         JobProgressReporter::Sink progress = {});

    const Log& log() const { return log_; }

  private:
    // What start_collection did, for counting without reading messages.
    enum class Outcome { created, existing, refused, failed };
    struct Started {
        erp_plugin::ActionResult result;
        Outcome outcome;
    };
    Started start_collection(const std::string& invoice_id, CollectionKind kind);
    // The steps of one collection, shared by start_collection (one invoice)
    // and collect_all's pipeline (jodo/collect/BulkCollect.cpp).
    struct Prepared {
        std::optional<Started> done;  // decided without asking Jodo
        Invoice invoice;
        Collection draft;  // the intent to record when not done
    };
    // Everything before the intent: what to do about `active` (the invoice's
    // active collection, read by the caller), the invoice read through the
    // mapping on `session`, validation and the draft of the intent.
    Prepared prepare_collection(Poco::Data::Session& session, const std::string& invoice_id,
                                CollectionKind kind, const std::optional<Collection>& active);
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
    CollectionSync& sync_;
    CollectSettings settings_;
    Clock clock_;
    Log log_;
    // Outcomes Jodo answered are written through a database outage.
    DatabaseOutage outage_;
};

}  // namespace jodo
