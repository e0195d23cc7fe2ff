#pragma once

#include <string>
#include <vector>

#include "jodo/api/money.hpp"

namespace jodo {

// Where one attempt to collect an invoice stands. Strings as stored in
// jodo_collections.status.
namespace status {
inline const std::string creating = "creating";    // intent recorded, Jodo not yet answered
inline const std::string unknown = "unknown";      // create sent, answer lost: an order may exist
inline const std::string unpaid = "unpaid";        // order exists, payable
inline const std::string paid = "paid";            // Jodo confirmed payment
inline const std::string settled = "settled";      // every line carries a settlement UTR
inline const std::string expired = "expired";      // link expired unpaid
inline const std::string cancelled = "cancelled";  // link cancelled unpaid
inline const std::string failed = "failed";        // Jodo refused; no order exists
inline const std::string rejected = "rejected";    // invoice invalid; nothing was sent
inline const std::string abandoned = "abandoned";  // outcome unknown, released by an accountant
inline const std::string superseded =
    "superseded";  // the invoice changed; a new collection replaced it
}  // namespace status

namespace kind {
inline const std::string pay_order = "order";
inline const std::string payment_link = "payment_link";
}  // namespace kind

// The largest amount the module's tables hold: DECIMAL(14,2).
constexpr Paise kMaxStoredPaise = 99999999999999;

struct CollectionLine {
    int line_no = 0;
    std::string component_type;
    Paise amount = 0;        // what the invoice asked for
    Paise paid_amount = -1;  // what Jodo reports as paid; -1 until paid
    std::string settlement_utr;
    std::string settled_at;
};

struct Collection {
    std::string collection_id;
    std::string invoice_id;
    std::string kind;
    std::string status;
    bool active = false;
    Paise amount = 0;
    std::string order_id;
    std::string redirect_url;
    std::string expires_at;
    std::string paid_at;
    std::string transaction_id;
    std::string error_code;
    std::string error_reason;
    std::string review_reason;  // set when a person must look (amount mismatch, paid dead link)
    std::string next_check_at;  // when the reconciler asks Jodo next; empty = never
    int check_count = 0;
    std::string created_at;
    std::string updated_at;
    std::vector<CollectionLine> lines;
};

// Statuses after which an attempt can take no more money and blocks nothing.
bool is_inactive_status(const std::string& status);

// Statuses Jodo can still change: the reconciler keeps asking about these.
bool is_open_status(const std::string& status);

}  // namespace jodo
