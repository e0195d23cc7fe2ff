#include "jodo/sync/CollectionSync.hpp"

#include <algorithm>

#include "jodo/api/PayOrderRequest.hpp"
#include "jodo/api/text_excerpt.hpp"
#include "jodo/core/CrashPoint.hpp"
#include "jodo/sync/StatusRules.hpp"

namespace jodo {

std::string review_reason_for(const Collection& current, const RemoteOrder& remote) {
    if (!is_known_remote_status(remote.status))
        return "Jodo reports status \"" + excerpt(remote.status) +
               "\", which its documentation does not list; the collection stays " +
               to_text(current.status) + " until a person checks the order at Jodo";
    if (remote.status != "paid")
        return {};
    std::string reason;
    if (current.status == CollectionStatus::expired ||
        current.status == CollectionStatus::cancelled)
        reason = "paid after the link was " + to_text(current.status) +
                 ": confirm the payment or refund it";
    const Paise paid = remote.total();
    if (paid != current.amount) {
        if (!reason.empty())
            reason += "; ";
        reason += "amount mismatch: invoiced " + format_rupees(current.amount) + ", Jodo reports " +
                  format_rupees(paid) + " paid";
    }
    for (std::size_t i = 0; i < current.lines.size() && i < remote.lines.size(); ++i) {
        if (current.lines[i].amount == remote.lines[i].amount)
            continue;
        if (!reason.empty())
            reason += "; ";
        reason += "line " + std::to_string(current.lines[i].line_no) + " invoiced " +
                  format_rupees(current.lines[i].amount) + ", paid " +
                  format_rupees(remote.lines[i].amount);
    }
    if (remote.lines.size() != current.lines.size() && !remote.lines.empty()) {
        if (!reason.empty())
            reason += "; ";
        reason += "Jodo reports " + std::to_string(remote.lines.size()) +
                  " lines, the invoice has " + std::to_string(current.lines.size());
    }
    return reason;
}

namespace {
// Whether applying `remote` to `current` would change nothing but the next
// check: the same status, nothing to flag, no payment or settlement reported,
// so no write-back and no line to update.
bool changes_only_schedule(const Collection& current, CollectionStatus target,
                           const RemoteOrder& remote, const std::string& review) {
    if (target != current.status || !review.empty() || !is_open(target) ||
        remote.status == "paid" || !remote.paid_at.empty() || !remote.transaction_id.empty())
        return false;
    for (const auto& line : remote.lines)
        if (!line.settlement_utr.empty())
            return false;
    return true;
}
}  // namespace

CollectionSync::CollectionSync(CollectionStore& store, JodoClient& client, CheckSchedule schedule,
                               Clock clock, Log log)
    : store_(store),
      client_(client),
      schedule_(schedule),
      clock_(std::move(clock)),
      log_(std::move(log)) {}

std::string CollectionSync::next_check_after(int checks) const {
    std::int64_t wait = schedule_.first_check_s;
    for (int i = 0; i < checks && wait < schedule_.max_check_interval_s; ++i)
        wait *= 2;
    return clock_.iso_in_seconds(std::min<std::int64_t>(wait, schedule_.max_check_interval_s));
}

std::optional<CollectionStatus> CollectionSync::sync(const std::string& collection_id) {
    return sync_from(store_.by_id(collection_id), {});
}

std::optional<CollectionStatus> CollectionSync::sync(const Collection& claimed,
                                                     const DeferSchedule& defer) {
    return sync_from(claimed, defer);
}

std::optional<CollectionStatus> CollectionSync::sync_from(std::optional<Collection> current,
                                                          const DeferSchedule& defer) {
    if (!current)
        return std::nullopt;
    const std::string collection_id = current->collection_id;
    // Two tries: another writer (webhook worker, reconciler, another server)
    // may move the row between our read and our write.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (attempt > 0)
            current = store_.by_id(collection_id);
        if (!current || current->order_id.empty())
            return current ? std::optional(current->status) : std::nullopt;
        const RemoteOrder remote = current->kind == CollectionKind::payment_link
                                       ? client_.get_payment_link(current->order_id)
                                       : client_.get_pay_order(current->order_id);
        crash_point("sync.after_fetch");
        const CollectionStatus target = next_status(*current, remote);
        std::string review = review_reason_for(*current, remote);
        bool holds_invoice = current->active;
        if (!holds_invoice &&
            (target == CollectionStatus::paid || target == CollectionStatus::settled)) {
            // Money arrived on a collection that no longer held the invoice:
            // record it; it takes the invoice back only if nothing else has it.
            auto holder = store_.active_for(current->invoice_id);
            if (!holder) {
                holds_invoice = true;
            } else if (holder->collection_id != current->collection_id) {
                if (!review.empty())
                    review += "; ";
                review += "duplicate payment: the invoice is also being collected by " +
                          to_text(holder->kind) + " " +
                          (holder->order_id.empty() ? holder->collection_id : holder->order_id) +
                          "; refund needed";
            }
        }
        if (review == current->review_reason)
            review.clear();
        if (!review.empty())
            log_.warn("invoice " + current->invoice_id + " needs review: " + review);
        const std::string next_check =
            is_open(target) ? next_check_after(current->check_count + 1) : "";
        if (defer && changes_only_schedule(*current, target, remote, review)) {
            defer({collection_id, current->status, next_check});
            return target;
        }
        if (store_.apply_remote(*current, target, remote, review, holds_invoice, next_check)) {
            if (target != current->status)
                log_.info("invoice " + current->invoice_id + " collection " +
                          current->collection_id + " order " + current->order_id + ": " +
                          to_text(current->status) + " -> " + to_text(target) +
                          (remote.transaction_id.empty()
                               ? std::string()
                               : " (transaction " + remote.transaction_id + ")"));
            return target;
        }
    }
    auto settled = store_.by_id(collection_id);
    return settled ? std::optional(settled->status) : std::nullopt;
}

void CollectionSync::flag_second_order(const Collection& late) {
    auto holder = store_.active_for(late.invoice_id);
    if (!holder || holder->collection_id == late.collection_id)
        return;
    store_.flag_review(
        late.collection_id,
        "a second Jodo order exists for this invoice (its create outcome was unknown and it was "
        "released); the invoice is collected by " +
            (holder->order_id.empty() ? holder->collection_id : holder->order_id) +
            ": a payment on this one is a duplicate to refund");
    log_.warn("invoice " + late.invoice_id + ": second Jodo order " + late.order_id +
              " flagged for review");
}

bool CollectionSync::attach_if_named(const std::string& collection_id,
                                     const std::string& order_id) {
    auto target = store_.by_id(collection_id);
    if (!target || !target->order_id.empty())
        return false;
    // Believe the event only as far as Jodo confirms it: the named order must
    // carry this collection's id in its notes.
    const RemoteOrder remote = target->kind == CollectionKind::payment_link
                                   ? client_.get_payment_link(order_id)
                                   : client_.get_pay_order(order_id);
    bool ours = false;
    for (const auto& [key, value] : remote.notes)
        ours |= key == kNoteCollectionId && value == collection_id;
    if (!ours) {
        log_.warn("event named order " + order_id + " for collection " + collection_id +
                  ", but Jodo's order does not carry that collection: not attached");
        return false;
    }
    if (!store_.attach_order(*target, order_id))
        return false;
    log_.info("order " + order_id + " attached to collection " + collection_id +
              " whose create outcome was unknown");
    if (auto row = store_.by_id(collection_id); row && !row->active)
        flag_second_order(*row);
    return true;
}

}  // namespace jodo
