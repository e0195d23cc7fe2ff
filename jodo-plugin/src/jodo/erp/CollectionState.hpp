#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jodo {

// Where one attempt to collect an invoice stands. Stored as text in
// jodo_collections.status (to_text); a text no version ever wrote is refused
// when read, never guessed at.
enum class CollectionStatus {
    creating,    // intent recorded, Jodo not yet answered
    unknown,     // create sent, answer lost: an order may exist
    unpaid,      // order exists, payable
    paid,        // Jodo confirmed payment
    settled,     // every line carries a settlement UTR
    expired,     // link expired unpaid
    cancelled,   // link cancelled unpaid
    failed,      // Jodo refused; no order exists
    rejected,    // invoice invalid; nothing was sent
    abandoned,   // outcome unknown, released by an accountant or by the module
    superseded,  // the invoice changed; a new collection replaced it
};

// What was asked of Jodo: a checkout Pay Order or a Payment Link.
enum class CollectionKind { pay_order, payment_link };

std::string to_text(CollectionStatus status);
std::string to_text(CollectionKind kind);
std::optional<CollectionStatus> status_from_text(std::string_view text);
std::optional<CollectionKind> kind_from_text(std::string_view text);

// After these an attempt can take no more money and blocks nothing.
// Written as stored (test failures and logs read "paid", not 3).
inline std::ostream& operator<<(std::ostream& out, CollectionStatus status) {
    return out << to_text(status);
}

bool is_inactive(CollectionStatus status);
// Jodo can still change these: the reconciler keeps asking about them. A
// superseded Pay Order cannot be cancelled at Jodo, so money may still land
// on it: it is watched like an open one.
bool is_open(CollectionStatus status);
std::vector<CollectionStatus> open_statuses();
bool is_paid(CollectionStatus status);
// Rank used for "forward": a collection never moves to a lower rank.
int rank(CollectionStatus status);

// What moves a collection, each a conditional update of the store.
enum class CollectionEvent {
    recorded,        // the intent to create, or an invalid invoice's rejection
    created,         // Jodo answered a create with its order
    create_failed,   // Jodo answered that nothing was created
    create_lost,     // the create's answer never arrived
    order_attached,  // a webhook or an operator named the order of an unknown create
    released,        // an unknown outcome stops blocking the invoice
    superseded,      // the invoice changed under an unpaid order
    jodo_reported,   // what Jodo says of the order (StatusRules decide the status)
};

// The ERP mapping's write-backs (jodo/erp/mapping/ErpContract.hpp) a
// transition may run; which of them runs, and for whom, the store decides
// from the row (only the collection holding the invoice owns its status).
enum WriteBack : unsigned {
    no_write_back = 0,
    writes_order = 1u << 0,    // on_order
    writes_status = 1u << 1,   // on_status
    writes_paid = 1u << 2,     // on_paid
    writes_settled = 1u << 3,  // on_settled (per line, also without a status change)
};

struct CollectionTransition {
    CollectionEvent event;
    std::vector<CollectionStatus> from;  // empty: a new row
    CollectionStatus to;
    unsigned write_backs;
    const char* why;
};

// The one table of allowed transitions (jodo/erp/CollectionState.cpp).
const std::vector<CollectionTransition>& collection_transitions();
// The statuses `event` may move a row from to `to`; throws std::logic_error
// when the table has no such transition (a bug, never Jodo's input).
const std::vector<CollectionStatus>& from_statuses(CollectionEvent event, CollectionStatus to);
// Whether `event` may move `from` to `to`, and which write-backs it may run.
bool allowed(CollectionEvent event, CollectionStatus from, CollectionStatus to);
// Throws std::logic_error when the table has no such transition.
unsigned write_backs_of(CollectionEvent event, CollectionStatus from, CollectionStatus to);
// The same for a row `event` inserts in status `to`.
unsigned write_backs_of_new(CollectionEvent event, CollectionStatus to);

}  // namespace jodo
