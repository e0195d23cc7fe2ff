#include "collect/StatusRules.hpp"

#include "erp/Collection.hpp"

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

std::string next_status(const std::string& current, const RemoteOrder& remote) {
    std::string reported;
    if (remote.status == "paid")
        reported = remote.fully_settled() ? status::settled : status::paid;
    else if (remote.status == "expired")
        reported = status::expired;
    else if (remote.status == "cancelled")
        reported = status::cancelled;
    else
        reported = status::unpaid;
    // A payment always wins over expired/cancelled: money that arrived is never
    // hidden behind a dead link (it is flagged for review instead).
    return status_rank(reported) > status_rank(current) ? reported : current;
}

}  // namespace jodo
