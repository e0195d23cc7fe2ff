// What a test or the demo sees of one order in the sandbox: a copy taken under
// the sandbox lock, never a live reference into its store.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "host_sim/sandbox/SandboxMoney.hpp"

namespace jodo::sandbox {

struct SandboxLine {
    std::string component_type;
    Paise amount = 0;
    std::string settlement_utr;  // empty until settled
    std::string settled_at;      // ISO 8601 UTC, empty until settled
};

struct SandboxOrder {
    std::string order_id;
    std::string kind;    // "order" or "payment_link"
    std::string status;  // unpaid | paid | expired | cancelled
    std::string name, phone, email, identifier, transaction_id, paid_at, expires_at, callback_url;
    std::vector<SandboxLine> lines;
    std::vector<std::pair<std::string, std::string>> notes;

    Paise total() const;
};

inline constexpr const char* kKindOrder = "order";
inline constexpr const char* kKindPaymentLink = "payment_link";

inline constexpr const char* kStatusUnpaid = "unpaid";
inline constexpr const char* kStatusPaid = "paid";
inline constexpr const char* kStatusExpired = "expired";
inline constexpr const char* kStatusCancelled = "cancelled";

}  // namespace jodo::sandbox
