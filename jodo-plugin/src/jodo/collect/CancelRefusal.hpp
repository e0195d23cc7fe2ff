// What the accountant is told when a payment link cannot be cancelled: the
// link's state as the database holds it (read back from Jodo after a refused
// cancel), never "correct the invoice".
#pragma once

#include <string>

#include "jodo/api/JodoError.hpp"
#include "jodo/erp/Collection.hpp"

namespace jodo {

// The link of `invoice_id` is paid or settled (in `link`): with its
// transaction, and what to do instead.
std::string paid_link_message(const std::string& invoice_id, const Collection& link);

// Jodo refused to cancel; `now` is the link as read back after the refusal
// (paid, settled, expired, or still open when Jodo refused for another reason).
std::string refused_cancel_message(const std::string& invoice_id, const Collection& now,
                                   const JodoError& refusal);

}  // namespace jodo
