#pragma once

#include <string>

#include "api/RemoteOrder.hpp"

namespace jodo {

// Where a collection goes given what Jodo reports. Forward only: unpaid ->
// paid -> settled, unpaid -> expired/cancelled; a report that would move it
// back (an older answer, a replayed event) leaves it where it is.
std::string next_status(const std::string& current, const RemoteOrder& remote);

// Rank used for "forward": higher never moves to lower.
int status_rank(const std::string& status);

}  // namespace jodo
