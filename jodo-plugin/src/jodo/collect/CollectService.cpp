#include "jodo/collect/CollectService.hpp"

#include <algorithm>

#include "jodo/api/JodoError.hpp"
#include "jodo/api/text_excerpt.hpp"
#include "jodo/api/wire_error.hpp"
#include "jodo/collect/AmountDue.hpp"
#include "jodo/collect/CancelRefusal.hpp"
#include "jodo/collect/InvoiceValidator.hpp"
#include "jodo/collect/PayOrderMapper.hpp"
#include "jodo/core/CrashPoint.hpp"
#include "jodo/erp/InvoiceReader.hpp"
#include "jodo/sync/StatusRules.hpp"

namespace jodo {

using erp_plugin::ActionResult;
using erp_plugin::Status;
using erp_plugin::StatusCode;

namespace {
ActionResult failure(StatusCode code, const std::string& message) {
    ActionResult result;
    result.status = Status::error(code, message);
    return result;
}

StatusCode status_code_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_request:
            return StatusCode::invalid_input;
        case ErrorKind::unauthorized:
        case ErrorKind::forbidden:
        case ErrorKind::conflict:
            return StatusCode::rejected;
        case ErrorKind::not_found:
            return StatusCode::not_found;
        case ErrorKind::rate_limited:
        case ErrorKind::server_error:
        case ErrorKind::unreachable:
        case ErrorKind::timeout:
            return StatusCode::unavailable;
        case ErrorKind::outcome_unknown:
            return StatusCode::outcome_unknown;
        case ErrorKind::config:
            return StatusCode::config;
        default:
            return StatusCode::internal;
    }
}

const char* noun(CollectionKind kind) {
    return kind == CollectionKind::payment_link ? "payment link" : "order";
}
}  // namespace

CollectService::CollectService(Database& db, const ErpMapping& mapping, CollectionStore& store,
                               JodoClient& client, CollectionSync& sync, CollectSettings settings,
                               Clock clock, Log log)
    : db_(db),
      mapping_(mapping),
      store_(store),
      client_(client),
      sync_(sync),
      settings_(std::move(settings)),
      clock_(std::move(clock)),
      log_(log),
      outage_(db, std::chrono::seconds(settings_.db_outage_wait_s),
              [log](const std::string& what) { log.warn("writing Jodo's answers: " + what); }) {}

ActionResult CollectService::describe(const Collection& c, const std::string& message) {
    ActionResult result;
    result.status = Status::success();
    result.outputs = {{"message", message},         {"invoice_id", c.invoice_id},
                      {"kind", to_text(c.kind)},    {"status", to_text(c.status)},
                      {"order_id", c.order_id},     {"redirect_url", c.redirect_url},
                      {"expires_at", c.expires_at}, {"amount", format_rupees(c.amount)},
                      {"paid_at", c.paid_at},       {"transaction_id", c.transaction_id},
                      {"review", c.review_reason}};
    return result;
}

ActionResult CollectService::collect(const std::string& invoice_id) {
    return start_collection(invoice_id, CollectionKind::pay_order).result;
}

ActionResult CollectService::send_link(const std::string& invoice_id) {
    return start_collection(invoice_id, CollectionKind::payment_link).result;
}

bool same_amounts(const Collection& c, const std::vector<InvoiceLine>& owed);

CollectService::Outcome CollectService::outcome_of(StatusCode code) {
    return code == StatusCode::invalid_input ? Outcome::refused : Outcome::failed;
}

CollectService::Started CollectService::start_collection(const std::string& invoice_id,
                                                         CollectionKind kind) {
    auto done = [](ActionResult r, Outcome o) { return Started{std::move(r), o}; };
    const auto active = store_.active_for(invoice_id);
    Prepared prepared;
    {
        auto session = db_.session();
        prepared = prepare_collection(session, invoice_id, kind, active);
    }
    if (prepared.done)
        return std::move(*prepared.done);
    Collection& draft = prepared.draft;
    Collection existing;
    if (store_.begin(draft, &existing) == CollectionStore::Begin::already_active)
        return done(describe(existing, "Invoice " + invoice_id + " is already being collected."),
                    Outcome::existing);
    crash_point("collect.after_intent");

    const Sent sent = send_create(draft, prepared.invoice);
    Collection written;
    bool recorded = false;
    try {
        recorded = outage_.run([&] { return store_.finish(sent.outcome, &written); });
    } catch (const std::exception& e) {
        log_.error(unrecorded_message(sent) + ": " + e.what());
        throw;
    }
    if (sent.outcome.kind != CollectionStore::CreateOutcome::Kind::created)
        return done(failure(sent.code, sent.message), outcome_of(sent.code));
    // Lost to another writer (an event attached the order first): what is
    // there now is read; otherwise the row is what was just written.
    std::optional<Collection> row =
        recorded ? std::optional<Collection>(written) : store_.by_id(draft.collection_id);
    // Released while this request was in flight and collected again since?
    if (row && !row->active)
        sync_.flag_second_order(*row);
    return done(describe(row ? *row : written, kind == CollectionKind::payment_link
                                                   ? "Jodo payment link created."
                                                   : "Jodo order created."),
                Outcome::created);
}

CollectService::Prepared CollectService::prepare_collection(
    Poco::Data::Session& session, const std::string& invoice_id, CollectionKind kind,
    const std::optional<Collection>& active) {
    Prepared prepared;
    auto done = [&](ActionResult r, Outcome o) {
        prepared.done = Started{std::move(r), o};
        return std::move(prepared);
    };
    auto failed = [&](ActionResult r) {
        const Outcome o = outcome_of(r.status.code);
        return done(std::move(r), o);
    };
    // An invoice with a live collection gets that one back: a double click or a
    // second accountant never makes a second payable order.
    if (active &&
        (active->status == CollectionStatus::paid || active->status == CollectionStatus::settled))
        return done(describe(*active, "Invoice " + invoice_id + " is already paid."),
                    Outcome::existing);
    if (active && active->status != CollectionStatus::unpaid)
        return failed(failure(
            StatusCode::outcome_unknown,
            "A previous request for invoice " + invoice_id +
                " is still being confirmed with Jodo; refresh it instead of collecting again."));

    std::optional<Invoice> invoice;
    try {
        invoice = InvoiceReader(session, mapping_).load(invoice_id);
    } catch (const WireError& e) {
        store_.record_rejection(invoice_id, kind, 0, e.what(), active.has_value());
        return failed(
            failure(StatusCode::invalid_input, "Invoice " + invoice_id + ": " + e.what()));
    } catch (const ErpMappingError& e) {
        log_.error("invoice " + invoice_id + ": " + e.what());
        return failed(failure(StatusCode::config, e.what()));
    } catch (const erp_sql::NativeError& e) {
        // SQLSTATE class 22: the database refused to hand over a value (on
        // PostgreSQL, text that is not valid UTF-8 in a SQL_ASCII database).
        // The invoice needs fixing, not the connection.
        if (e.sqlstate().rfind("22", 0) != 0)
            throw;
        store_.record_rejection(invoice_id, kind, 0, e.what(), active.has_value());
        return failed(failure(StatusCode::invalid_input,
                              "Invoice " + invoice_id + ": the ERP database cannot hand over its " +
                                  "text: " + e.what()));
    }
    if (!invoice)
        return failed(failure(StatusCode::not_found, "Invoice " + invoice_id + " does not exist."));
    const std::vector<InvoiceLine> owed = lines_for_amount_due(*invoice);

    if (active) {
        if (same_amounts(*active, owed))
            return done(describe(*active, "Invoice " + invoice_id + " already has an open Jodo " +
                                              noun(active->kind) + "."),
                        Outcome::existing);
        // The invoice changed under an open collection: withdraw the old one
        // before a new one exists, so the payer never holds two payable links.
        if (auto stop = supersede(*active, *invoice))
            return done(*stop, stop->status.ok() ? Outcome::existing : Outcome::failed);
    }

    // A bill with nothing owed is no request to anyone: refused, and nothing
    // recorded here or written into the ERP's own columns (a paid school bill
    // must not read "rejected").
    if (!active && invoice->amount_due <= 0)
        return failed(failure(StatusCode::invalid_input, "Invoice " + invoice_id +
                                                             " has nothing owed (amount due " +
                                                             format_rupees(invoice->amount_due) +
                                                             " INR): nothing was sent to Jodo."));

    if (auto problems = validate_invoice(*invoice); !problems.empty()) {
        const std::string reason = describe_problems(problems);
        store_.record_rejection(invoice_id, kind, invoice->amount_due, reason);
        log_.warn("invoice " + invoice_id + " not sent to Jodo: " + reason);
        return failed(failure(StatusCode::invalid_input,
                              "Invoice " + invoice_id + " cannot be collected: " + reason + "."));
    }

    Collection& draft = prepared.draft;
    draft.invoice_id = invoice_id;
    draft.kind = kind;
    draft.amount = invoice->amount_due;
    for (const auto& line : owed)
        draft.lines.push_back({line.line_no, line.fee_component, line.amount, -1, {}, {}});
    // Even an intent whose process dies before Jodo answers gets looked at.
    draft.next_check_at = sync_.next_check_after(0);
    prepared.invoice = std::move(*invoice);
    return prepared;
}

CollectService::Sent CollectService::send_create(const Collection& intent, const Invoice& invoice) {
    using Kind = CollectionStore::CreateOutcome::Kind;
    const CollectionKind kind = intent.kind;
    Sent sent;
    sent.outcome.intent = intent;
    PayOrderRequest request =
        map_invoice_to_pay_order(invoice, intent.collection_id, settings_.callback_url);
    if (kind == CollectionKind::payment_link)
        request.expires_at = Clock::wire_iso(
            clock_.now_ms() + std::int64_t(settings_.link_expiry_hours) * 3600 * 1000);
    log_.info("creating Jodo " + std::string(noun(kind)) + " for invoice " + intent.invoice_id +
              " (" + format_rupees(request.total()) + " INR, payer " + mask_phone(request.phone) +
              ", " + mask_email(request.email) + ")");
    try {
        const CreatedOrder created = kind == CollectionKind::payment_link
                                         ? client_.create_payment_link(request)
                                         : client_.create_pay_order(request);
        crash_point("collect.after_create");
        sent.outcome.kind = Kind::created;
        sent.outcome.order_id = created.order_id;
        sent.outcome.redirect_url = created.redirect_url;
        sent.outcome.expires_at = request.expires_at;
        sent.outcome.next_check_at = sync_.next_check_after(0);
        log_.info("invoice " + intent.invoice_id + " -> Jodo " + noun(kind) + " " +
                  created.order_id);
    } catch (const JodoError& e) {
        sent.outcome.kind = e.kind() == ErrorKind::outcome_unknown ? Kind::unknown : Kind::failed;
        sent.outcome.error_code = to_string(e.kind());
        sent.outcome.reason = e.advice();
        sent.code = status_code_for(e.kind());
        sent.message = e.advice();
        log_.warn("invoice " + intent.invoice_id + ": " + e.what());
        if (sent.outcome.kind == Kind::unknown && kind == CollectionKind::pay_order)
            lose_answer(sent);
    }
    return sent;
}

bool same_amounts(const Collection& c, const std::vector<InvoiceLine>& owed) {
    Paise total = 0;
    for (const auto& line : owed)
        total += line.amount;
    if (c.amount != total || c.lines.size() != owed.size())
        return false;
    for (std::size_t i = 0; i < c.lines.size(); ++i)
        if (c.lines[i].amount != owed[i].amount)
            return false;
    return true;
}

std::optional<ActionResult> CollectService::supersede(const Collection& old,
                                                      const Invoice& invoice) {
    const std::string change = "invoice changed from " + format_rupees(old.amount) + " to " +
                               format_rupees(invoice.amount_due) + " INR owed";
    if (old.kind == CollectionKind::payment_link) {
        try {
            client_.cancel_payment_link(old.order_id);
        } catch (const JodoError& e) {
            if (e.kind() != ErrorKind::conflict) {
                log_.warn("invoice " + old.invoice_id + ": old link not cancelled: " + e.what());
                return failure(
                    status_code_for(e.kind()),
                    "The invoice changed, but its open payment link could not be withdrawn yet; "
                    "nothing new was sent. " +
                        e.advice());
            }
            // Conflict: paid or expired meanwhile; the sync below says which.
        }
        // One fetch decides: a link paid before the change is not replaced.
        const auto now = sync_.sync(old.collection_id);
        if (now == CollectionStatus::paid || now == CollectionStatus::settled)
            return describe(*store_.by_id(old.collection_id),
                            "Invoice " + old.invoice_id +
                                " was paid on its old link before the change (" + change +
                                "); review the difference.");
        if (now == CollectionStatus::unpaid)
            store_.supersede(old, change + "; link cancelled", "");
        log_.info("invoice " + old.invoice_id + ": " + change + "; old link " + old.order_id +
                  " cancelled");
        return std::nullopt;
    }
    // A Pay Order cannot be cancelled at Jodo: it is replaced and watched, and a
    // payment that still lands on it is recorded and flagged for refund.
    store_.supersede(
        old,
        change +
            "; replaced by a new order (Jodo cannot cancel a Pay Order: a payment on this one "
            "would be a duplicate to refund)",
        sync_.next_check_after(0));
    log_.warn("invoice " + old.invoice_id + ": " + change + "; order " + old.order_id +
              " superseded");
    return std::nullopt;
}

ActionResult CollectService::cancel_link(const std::string& invoice_id) {
    auto active = store_.active_for(invoice_id);
    if (!active || active->kind != CollectionKind::payment_link || active->order_id.empty())
        return failure(StatusCode::not_found,
                       "Invoice " + invoice_id + " has no open Jodo payment link.");
    // Known to be paid: nothing Jodo could do, so nothing is sent.
    if (active->status == CollectionStatus::paid || active->status == CollectionStatus::settled)
        return failure(StatusCode::rejected, paid_link_message(invoice_id, *active));
    try {
        client_.cancel_payment_link(active->order_id);
    } catch (const JodoError& e) {
        if (e.kind() != ErrorKind::conflict) {
            log_.warn("cancel link of invoice " + invoice_id + ": " + e.what());
            return failure(status_code_for(e.kind()), e.advice());
        }
        // Jodo refuses a paid or expired link without saying which: read it.
        log_.info("cancel link of invoice " + invoice_id + " refused: " + e.what());
        try {
            sync_.sync(active->collection_id);
        } catch (const JodoError& read) {
            log_.warn("cancel link of invoice " + invoice_id + ": read back: " + read.what());
            return failure(status_code_for(read.kind()),
                           "Jodo refused to cancel the payment link of invoice " + invoice_id +
                               ", and its state could not be read now: " + read.advice());
        }
        auto now = store_.by_id(active->collection_id);
        if (now->status == CollectionStatus::cancelled)
            return describe(*now, "Payment link cancelled.");
        return failure(StatusCode::rejected, refused_cancel_message(invoice_id, *now, e));
    }
    sync_.sync(active->collection_id);
    return describe(*store_.by_id(active->collection_id), "Payment link cancelled.");
}

ActionResult CollectService::release_unknown(const std::string& invoice_id) {
    auto active = store_.active_for(invoice_id);
    if (active && active->status == CollectionStatus::creating)
        return failure(StatusCode::outcome_unknown,
                       "The request for invoice " + invoice_id +
                           " may still be in flight; wait for the reconciler to "
                           "mark it before releasing it.");
    if (!active || (active->status != CollectionStatus::unknown &&
                    active->status != CollectionStatus::creating))
        return failure(StatusCode::not_found,
                       "Invoice " + invoice_id + " has no Jodo request whose outcome is unknown.");
    store_.abandon(
        *active,
        "released by the accountant after an unknown outcome; if Jodo reports this order later it "
        "is recorded and flagged");
    log_.warn("invoice " + invoice_id + ": unknown-outcome collection " + active->collection_id +
              " released");
    return describe(*store_.by_id(active->collection_id),
                    "Released: the invoice can be collected again.");
}

ActionResult CollectService::refresh(const std::string& invoice_id) {
    auto collection = store_.active_for(invoice_id);
    if (!collection)
        collection = store_.latest_for(invoice_id);
    if (!collection)
        return failure(StatusCode::not_found, "Invoice " + invoice_id + " was never sent to Jodo.");
    if (collection->order_id.empty())
        return describe(*collection, collection->error_reason.empty()
                                         ? "No Jodo order exists for this invoice."
                                         : collection->error_reason);
    try {
        sync_.sync(collection->collection_id);
    } catch (const JodoError& e) {
        log_.warn("refresh of invoice " + invoice_id + ": " + e.what());
        return failure(status_code_for(e.kind()), e.advice());
    }
    return describe(*store_.by_id(collection->collection_id), "Status read from Jodo.");
}

}  // namespace jodo
