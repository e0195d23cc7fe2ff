// What becomes of a create whose answer Jodo gave but nobody has: released
// when it is a Pay Order (lose_answer), named in the log when it could not be
// written (unrecorded_message). docs/guarantees.md says why releasing is safe.
#include "jodo/collect/CollectService.hpp"

namespace jodo {

using erp_plugin::StatusCode;

std::string CollectService::unrecorded_message(const Sent& sent) {
    const auto& o = sent.outcome;
    return "invoice " + o.intent.invoice_id + " (collection " + o.intent.collection_id +
           "): Jodo's answer could not be written to the database" +
           (o.order_id.empty()
                ? std::string()
                : "; Jodo made order " + o.order_id + ", payable at " + o.redirect_url);
}

void CollectService::lose_answer(Sent& sent) {
    // A Pay Order is paid only through the redirect URL its create answers
    // with ("Your application opens the redirect_url for the payer"): with
    // the answer lost, no payer can reach it, so the invoice need not wait
    // for a person. A payment link is different: Jodo may share it itself.
    sent.outcome.kind = CollectionStore::CreateOutcome::Kind::lost;
    sent.outcome.reason =
        "Jodo's answer to this order was lost (" + sent.outcome.reason +
        "), so its payment page reached no one and it cannot be paid: released, the invoice can "
        "be collected again. Should Jodo report this order later, it is recorded and flagged.";
    sent.code = StatusCode::unavailable;
    sent.message = "Jodo's answer to the order for invoice " + sent.outcome.intent.invoice_id +
                   " was lost. No one can pay an order whose page never reached a payer, so the "
                   "invoice was released: collect it again.";
}

}  // namespace jodo
