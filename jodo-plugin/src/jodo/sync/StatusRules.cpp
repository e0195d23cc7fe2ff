#include "jodo/sync/StatusRules.hpp"

#include "jodo/erp/Collection.hpp"

namespace jodo {

namespace {
// Every line we asked for carries a UTR: Jodo's n-th row is our n-th line.
bool every_line_settled(const Collection& current, const RemoteOrder& remote) {
    if (current.lines.empty())
        return remote.fully_settled();
    for (std::size_t i = 0; i < current.lines.size(); ++i) {
        const bool reported = i < remote.lines.size() && !remote.lines[i].settlement_utr.empty();
        if (!reported && current.lines[i].settlement_utr.empty())
            return false;
    }
    return true;
}
}  // namespace

CollectionStatus next_status(const Collection& current, const RemoteOrder& remote) {
    if (!is_known_remote_status(remote.status))
        return current.status;
    CollectionStatus reported;
    if (remote.status == "paid")
        reported = every_line_settled(current, remote) ? CollectionStatus::settled
                                                       : CollectionStatus::paid;
    else if (remote.status == "expired")
        reported = CollectionStatus::expired;
    else if (remote.status == "cancelled")
        reported = CollectionStatus::cancelled;
    else
        reported = CollectionStatus::unpaid;
    // A payment always wins over expired/cancelled: money that arrived is never
    // hidden behind a dead link (it is flagged for review instead).
    return rank(reported) > rank(current.status) ? reported : current.status;
}

}  // namespace jodo
