// A collection's state machine: its statuses and kinds as stored, and the one
// table of the transitions the store may make, each with the write-backs it
// may run. The store's conditional updates take their "from" statuses from
// here, so a transition missing from this table cannot happen.
#include "jodo/erp/CollectionState.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace jodo {

namespace {
using S = CollectionStatus;
using E = CollectionEvent;

constexpr std::array<std::pair<S, const char*>, 11> kStatusText = {{
    {S::creating, "creating"},
    {S::unknown, "unknown"},
    {S::unpaid, "unpaid"},
    {S::paid, "paid"},
    {S::settled, "settled"},
    {S::expired, "expired"},
    {S::cancelled, "cancelled"},
    {S::failed, "failed"},
    {S::rejected, "rejected"},
    {S::abandoned, "abandoned"},
    {S::superseded, "superseded"},
}};

// Where a payment may arrive from: a payment wins over a dead link, so
// expired, cancelled and superseded rows may still become paid (and are
// flagged for review).
const std::vector<S> kUnpaidYet = {S::creating,  S::unknown,   S::unpaid,    S::expired,
                                   S::cancelled, S::abandoned, S::superseded};

const std::vector<CollectionTransition> kTransitions = {
    {E::recorded, {}, S::creating, no_write_back, "the intent is recorded before Jodo is asked"},
    {E::recorded, {}, S::rejected, writes_status, "an invalid invoice: nothing is sent"},
    {E::created,
     {S::creating, S::unknown},
     S::unpaid,
     writes_order | writes_status,
     "Jodo answered with its order"},
    {E::created,
     {S::abandoned},
     S::unpaid,
     writes_order | writes_status,
     "answered after a release: the order is recorded, the row holds nothing"},
    {E::create_failed,
     {S::creating, S::unknown, S::abandoned},
     S::failed,
     writes_status,
     "Jodo answered that nothing was created"},
    {E::create_lost,
     {S::creating},
     S::unknown,
     writes_status,
     "the answer never arrived: an order may exist"},
    {E::order_attached,
     {S::creating, S::unknown, S::abandoned},
     S::unpaid,
     writes_order | writes_status,
     "Jodo confirms which order an unknown create made"},
    {E::released,
     {S::creating, S::unknown},
     S::abandoned,
     writes_status,
     "an unknown outcome stops blocking the invoice"},
    {E::superseded,
     {S::unpaid},
     S::superseded,
     writes_status,
     "the invoice changed: a new collection replaces this order, which stays watched"},
    // What Jodo reports moves a collection forward by rank only (StatusRules).
    // Each may also record settlement UTRs Jodo names for lines (on_settled
    // runs once per line, whenever its UTR first arrives).
    {E::jodo_reported,
     {S::creating, S::unknown, S::unpaid},
     S::unpaid,
     writes_status | writes_settled,
     "Jodo reports the order payable"},
    {E::jodo_reported,
     {S::creating, S::unknown, S::unpaid, S::expired},
     S::expired,
     writes_status | writes_settled,
     "the link expired unpaid"},
    {E::jodo_reported,
     {S::creating, S::unknown, S::unpaid, S::cancelled},
     S::cancelled,
     writes_status | writes_settled,
     "the link was cancelled unpaid"},
    {E::jodo_reported, kUnpaidYet, S::paid, writes_status | writes_paid | writes_settled,
     "money arrived: posted once, on the update that moved the row into paid"},
    {E::jodo_reported, {S::paid}, S::paid, writes_settled, "paid; some lines settled"},
    {E::jodo_reported, kUnpaidYet, S::settled, writes_status | writes_paid | writes_settled,
     "paid and every line carries a settlement UTR at once"},
    {E::jodo_reported,
     {S::paid},
     S::settled,
     writes_status | writes_settled,
     "every line now carries a settlement UTR"},
    {E::jodo_reported, {S::settled}, S::settled, writes_settled, "nothing new: settled"},
    {E::jodo_reported,
     {S::abandoned},
     S::abandoned,
     writes_settled,
     "a released create Jodo has nothing new about"},
    {E::jodo_reported,
     {S::superseded},
     S::superseded,
     writes_settled,
     "a replaced order still watched for money"},
};

bool contains(const std::vector<S>& statuses, S status) {
    return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

const CollectionTransition* find(E event, S from, S to) {
    for (const auto& t : kTransitions)
        if (t.event == event && t.to == to && contains(t.from, from))
            return &t;
    return nullptr;
}
}  // namespace

std::string to_text(CollectionStatus status) {
    for (const auto& [value, text] : kStatusText)
        if (value == status)
            return text;
    throw std::logic_error("collection status without a text");
}

std::string to_text(CollectionKind kind) {
    return kind == CollectionKind::payment_link ? "payment_link" : "order";
}

std::optional<CollectionStatus> status_from_text(std::string_view text) {
    for (const auto& [value, name] : kStatusText)
        if (text == name)
            return value;
    return std::nullopt;
}

std::optional<CollectionKind> kind_from_text(std::string_view text) {
    if (text == "order")
        return CollectionKind::pay_order;
    if (text == "payment_link")
        return CollectionKind::payment_link;
    return std::nullopt;
}

bool is_inactive(CollectionStatus s) {
    return s == S::expired || s == S::cancelled || s == S::failed || s == S::rejected ||
           s == S::abandoned || s == S::superseded;
}

std::vector<CollectionStatus> open_statuses() {
    return {S::creating, S::unknown, S::unpaid, S::paid, S::superseded};
}

bool is_open(CollectionStatus s) {
    return contains(open_statuses(), s);
}

bool is_paid(CollectionStatus s) {
    return s == S::paid || s == S::settled;
}

int rank(CollectionStatus s) {
    switch (s) {
        case S::rejected:
        case S::failed:
            return -1;
        case S::creating:
        case S::unknown:
            return 0;
        case S::unpaid:
            return 1;
        case S::expired:
        case S::cancelled:
        case S::abandoned:
        case S::superseded:
            return 2;
        case S::paid:
            return 3;
        case S::settled:
            return 4;
    }
    return 0;
}

const std::vector<CollectionTransition>& collection_transitions() {
    return kTransitions;
}

const std::vector<CollectionStatus>& from_statuses(CollectionEvent event, CollectionStatus to) {
    for (const auto& t : kTransitions)
        if (t.event == event && t.to == to)
            return t.from;
    throw std::logic_error("no collection transition to " + to_text(to) + " for this event");
}

bool allowed(CollectionEvent event, CollectionStatus from, CollectionStatus to) {
    return find(event, from, to) != nullptr;
}

unsigned write_backs_of(CollectionEvent event, CollectionStatus from, CollectionStatus to) {
    const CollectionTransition* t = find(event, from, to);
    if (!t)
        throw std::logic_error("collection may not move from " + to_text(from) + " to " +
                               to_text(to));
    return t->write_backs;
}

unsigned write_backs_of_new(CollectionEvent event, CollectionStatus to) {
    for (const auto& t : kTransitions)
        if (t.event == event && t.to == to && t.from.empty())
            return t.write_backs;
    throw std::logic_error("no new collection row in " + to_text(to) + " for this event");
}

}  // namespace jodo
