#include "jodo/collect/CancelRefusal.hpp"

#include "jodo/api/text_excerpt.hpp"

namespace jodo {

std::string paid_link_message(const std::string& invoice_id, const Collection& link) {
    std::string text = "The payment link of invoice " + invoice_id +
                       " cannot be cancelled: the payer has already paid it";
    if (!link.transaction_id.empty())
        text += " (transaction " + link.transaction_id +
                (link.paid_at.empty() ? "" : ", paid at " + link.paid_at) + ")";
    return text + ". Refund the payment at Jodo if it was not due.";
}

std::string refused_cancel_message(const std::string& invoice_id, const Collection& now,
                                   const JodoError& refusal) {
    if (now.status == CollectionStatus::paid || now.status == CollectionStatus::settled)
        return paid_link_message(invoice_id, now);
    const std::string head = "The payment link of invoice " + invoice_id + " was not cancelled: ";
    if (now.status == CollectionStatus::expired)
        return head + "it had already expired, so it can no longer be paid.";
    const std::string said = refusal.jodo_message().empty()
                                 ? ""
                                 : " Jodo said: " + excerpt(refusal.jodo_message(), 200) + ".";
    return head + "Jodo refused, and reports the link " + to_text(now.status) +
           ", so it may still be paid. Try again later." + said;
}

}  // namespace jodo
