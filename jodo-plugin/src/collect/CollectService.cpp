#include "collect/CollectService.hpp"

#include "api/JodoError.hpp"
#include "api/wire_error.hpp"
#include "collect/InvoiceValidator.hpp"
#include "collect/PayOrderMapper.hpp"
#include "collect/StatusRules.hpp"
#include "erp/InvoiceReader.hpp"

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
}  // namespace

CollectService::CollectService(Database& db, CollectionStore& store, JodoClient& client,
                               CollectSettings settings, Log log)
    : db_(db), store_(store), client_(client), settings_(std::move(settings)), log_(log) {}

ActionResult CollectService::describe(const Collection& c, const std::string& message) {
    ActionResult result;
    result.status = Status::success();
    result.outputs = {{"message", message},
                      {"invoice_id", c.invoice_id},
                      {"status", c.status},
                      {"order_id", c.order_id},
                      {"redirect_url", c.redirect_url},
                      {"amount", format_rupees(c.amount)},
                      {"paid_at", c.paid_at},
                      {"transaction_id", c.transaction_id}};
    return result;
}

ActionResult CollectService::collect(const std::string& invoice_id) {
    // An invoice with a live collection gets that one back: a double click or a
    // second accountant never makes a second order.
    if (auto active = store_.active_for(invoice_id)) {
        if (active->status == status::unpaid)
            return describe(*active, "Invoice " + invoice_id + " already has an open Jodo order.");
        if (active->status == status::paid || active->status == status::settled)
            return describe(*active, "Invoice " + invoice_id + " is already paid.");
        return failure(
            StatusCode::outcome_unknown,
            "A previous request for invoice " + invoice_id +
                " is still being confirmed with Jodo; refresh it instead of collecting again.");
    }

    std::optional<Invoice> invoice;
    try {
        auto session = db_.session();
        invoice = InvoiceReader(session).load(invoice_id);
    } catch (const WireError& e) {
        store_.record_rejection(invoice_id, kind::pay_order, 0, e.what());
        return failure(StatusCode::invalid_input, "Invoice " + invoice_id + ": " + e.what());
    }
    if (!invoice)
        return failure(StatusCode::not_found, "Invoice " + invoice_id + " does not exist.");

    if (auto problems = validate_invoice(*invoice); !problems.empty()) {
        const std::string reason = describe_problems(problems);
        store_.record_rejection(invoice_id, kind::pay_order, invoice->total(), reason);
        log_.warn("invoice " + invoice_id + " not sent to Jodo: " + reason);
        return failure(StatusCode::invalid_input,
                       "Invoice " + invoice_id + " cannot be collected: " + reason + ".");
    }

    Collection draft;
    draft.invoice_id = invoice_id;
    draft.kind = kind::pay_order;
    draft.amount = invoice->total();
    for (const auto& line : invoice->lines)
        draft.lines.push_back({line.line_no, line.fee_component, line.amount, {}, {}});
    Collection existing;
    if (store_.begin(draft, &existing) == CollectionStore::Begin::already_active)
        return describe(existing, "Invoice " + invoice_id + " is already being collected.");

    const PayOrderRequest request =
        map_invoice_to_pay_order(*invoice, draft.collection_id, settings_.callback_url);
    log_.info("creating Jodo order for invoice " + invoice_id + " (" +
              format_rupees(request.total()) + " INR, payer " + mask_phone(request.phone) + ", " +
              mask_email(request.email) + ")");
    try {
        const CreatedOrder created = client_.create_pay_order(request);
        store_.mark_created(draft.collection_id, created.order_id, created.redirect_url, "");
        log_.info("invoice " + invoice_id + " -> Jodo order " + created.order_id);
        return describe(*store_.by_id(draft.collection_id), "Jodo order created.");
    } catch (const JodoError& e) {
        if (e.kind() == ErrorKind::outcome_unknown) {
            store_.mark_unknown(draft.collection_id, e.advice());
        } else {
            store_.mark_failed(draft.collection_id, to_string(e.kind()), e.advice());
        }
        log_.warn("invoice " + invoice_id + ": " + e.what());
        return failure(status_code_for(e.kind()), e.advice());
    }
}

std::string CollectService::sync(const Collection& collection) {
    if (collection.order_id.empty())
        return collection.status;
    const RemoteOrder remote = client_.get_pay_order(collection.order_id);
    const std::string target = next_status(collection.status, remote);
    if (target == collection.status && remote.paid_at.empty())
        return collection.status;
    // Lines may settle one by one; apply whenever Jodo has something new.
    store_.apply_remote(collection, target, remote);
    return target;
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
        sync(*collection);
    } catch (const JodoError& e) {
        log_.warn("refresh of invoice " + invoice_id + ": " + e.what());
        return failure(status_code_for(e.kind()), e.advice());
    }
    return describe(*store_.by_id(collection->collection_id), "Status read from Jodo.");
}

}  // namespace jodo
