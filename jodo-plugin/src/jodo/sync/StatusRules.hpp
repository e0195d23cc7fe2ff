#pragma once

#include <string>

#include "jodo/api/RemoteOrder.hpp"
#include "jodo/erp/Collection.hpp"

namespace jodo {

// Where a collection goes given what Jodo reports. Forward only: unpaid ->
// paid -> settled, unpaid -> expired/cancelled; a report that would move it
// back (an older answer, a replayed event) leaves it where it is. Settled
// means every line of the collection has a UTR (reported now or recorded
// before); Jodo naming UTRs for some lines keeps it paid. A status Jodo does
// not document leaves it where it is too: review_reason_for flags it.
CollectionStatus next_status(const Collection& current, const RemoteOrder& remote);

}  // namespace jodo
