#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jodo/api/money.hpp"

namespace jodo {

struct RemoteLine {
    std::string component_type;
    Paise amount = 0;
    std::string settlement_utr;  // empty until settled
    std::string settled_at;
};

// What Get Pay Order / Get Payment Link (and webhook payloads) say about an
// order. Parsed tolerantly: see json_fields.hpp.
struct RemoteOrder {
    std::string id;
    std::string status;  // paid | unpaid | expired | cancelled (as Jodo says it)
    std::string transaction_id;
    std::string paid_at;
    std::string expires_at;
    std::vector<RemoteLine> lines;
    std::vector<std::pair<std::string, std::string>> notes;

    Paise total() const;
    // Paid and every line Jodo reports carries a settlement UTR. Whether the
    // collection is settled also depends on our lines (collect/StatusRules).
    bool fully_settled() const;
};

// Parses {"status": "success"?, "data": {...}} as Get Pay Order returns it.
RemoteOrder parse_remote_order_response(const std::string& body);

// Result of a create: Create Pay Order answers {"data": {...}}, Create Payment
// Link {"status": "success", "data": {...}}; both are accepted.
struct CreatedOrder {
    std::string order_id;
    std::string redirect_url;
};
CreatedOrder parse_created_order(const std::string& body);

// paid, unpaid, expired, cancelled: the statuses Get Pay Order / Get Payment
// Link document. Anything else ("PAID", "refunded") is not guessed at.
bool is_known_remote_status(const std::string& remote_status);

}  // namespace jodo
