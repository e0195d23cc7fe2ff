#include "jodo/sync/StatusRules.hpp"

#include "jodo/erp/Collection.hpp"

namespace jodo {

int status_rank(const std::string& s) {
    if (s == status::rejected || s == status::failed)
        return -1;
    if (s == status::creating || s == status::unknown)
        return 0;
    if (s == status::unpaid)
        return 1;
    if (s == status::expired || s == status::cancelled || s == status::abandoned ||
        s == status::superseded)
        return 2;
    if (s == status::paid)
        return 3;
    if (s == status::settled)
        return 4;
    return 0;
}

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

std::string next_status(const Collection& current, const RemoteOrder& remote) {
    if (!is_known_remote_status(remote.status))
        return current.status;
    std::string reported;
    if (remote.status == "paid")
        reported = every_line_settled(current, remote) ? status::settled : status::paid;
    else if (remote.status == "expired")
        reported = status::expired;
    else if (remote.status == "cancelled")
        reported = status::cancelled;
    else
        reported = status::unpaid;
    // A payment always wins over expired/cancelled: money that arrived is never
    // hidden behind a dead link (it is flagged for review instead).
    return status_rank(reported) > status_rank(current.status) ? reported : current.status;
}

}  // namespace jodo
