#pragma once

#include <string>
#include <vector>

#include "jodo/api/money.hpp"
#include "jodo/erp/CollectionState.hpp"

namespace jodo {

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
    CollectionKind kind = CollectionKind::pay_order;
    CollectionStatus status = CollectionStatus::creating;
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

}  // namespace jodo
