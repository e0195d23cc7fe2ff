#include "host_sim/sandbox/SandboxState.hpp"

#include <chrono>
#include <utility>

#include "host_sim/sandbox/IsoTime.hpp"
#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/sandbox/WebhookDispatcher.hpp"

namespace jodo::sandbox {

namespace {
std::int64_t system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool is_link(const OrderRecord& record) {
    return record.order.kind == kKindPaymentLink;
}
}  // namespace

SandboxState::SandboxState() : clock_(system_now) {}

std::string SandboxState::create(OrderRecord record) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string id;
    do {
        id = ids_.order_id();
    } while (orders_.count(id) != 0);
    record.order.order_id = id;
    record.order.status = kStatusUnpaid;
    record.order.transaction_id.clear();
    record.order.paid_at.clear();
    for (auto& line : record.order.lines) {
        line.settlement_utr.clear();
        line.settled_at.clear();
    }
    record.order.expires_at =
        record.expires_at_unix ? format_iso_utc(*record.expires_at_unix) : std::string();
    orders_.emplace(id, std::move(record));
    ++creates_;
    return id;
}

std::optional<OrderRecord> SandboxState::get(const std::string& order_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = orders_.find(order_id);
    if (it == orders_.end())
        return std::nullopt;
    apply_expiry_locked(it->second);
    return it->second;
}

std::string SandboxState::pay(const std::string& order_id) {
    return pay_impl(order_id, false);
}

std::string SandboxState::pay_even_if_closed(const std::string& order_id) {
    return pay_impl(order_id, true);
}

void SandboxState::set_line_amount(const std::string& order_id, std::size_t line, Paise amount) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& order = find_locked(order_id).order;
    if (line >= order.lines.size())
        throw OrderConflict("order " + order_id + " has no line " + std::to_string(line));
    order.lines[line].amount = amount;
}

std::vector<std::string> SandboxState::order_ids() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& entry : orders_)
        ids.push_back(entry.first);
    return ids;
}

std::string SandboxState::pay_impl(const std::string& order_id, bool even_if_closed) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& record = find_locked(order_id);
    apply_expiry_locked(record);
    auto& order = record.order;
    const bool closed = order.status == "expired" || order.status == "cancelled";
    if (order.status != kStatusUnpaid && !(even_if_closed && closed))
        throw OrderConflict("order " + order_id + " is " + order.status + ", not payable");
    std::string transaction;
    do {
        transaction = ids_.transaction_id();
    } while (!issued_transactions_.insert(transaction).second);
    order.status = kStatusPaid;
    order.transaction_id = transaction;
    order.paid_at = format_iso_utc(now_locked());
    notify_locked(OrderChange::debited, record);
    return transaction;
}

std::vector<std::string> SandboxState::settle(const std::string& order_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& order = find_locked(order_id).order;
    if (order.status != kStatusPaid)
        throw OrderConflict("order " + order_id + " is " + order.status + ", not paid");
    const std::string settled_at = format_iso_utc(now_locked());
    std::vector<std::string> utrs;
    bool newly_settled = false;
    for (auto& line : order.lines) {
        if (line.settlement_utr.empty()) {  // settling twice keeps the first UTRs
            newly_settled = true;
            line.settlement_utr = new_utr_locked();
            line.settled_at = settled_at;
        }
        utrs.push_back(line.settlement_utr);
    }
    if (newly_settled)
        notify_locked(OrderChange::settled, find_locked(order_id));
    return utrs;
}

std::string SandboxState::new_utr_locked() {
    std::string utr;
    do {
        utr = ids_.utr();
    } while (!issued_utrs_.insert(utr).second);
    return utr;
}

void SandboxState::expire(const std::string& order_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& record = find_locked(order_id);
    if (!is_link(record))
        throw OrderConflict("order " + order_id + " is not a payment link, it cannot expire");
    apply_expiry_locked(record);
    auto& order = record.order;
    if (order.status == kStatusExpired)
        return;
    if (order.status != kStatusUnpaid)
        throw OrderConflict("payment link " + order_id + " is " + order.status +
                            ", it cannot expire");
    const std::int64_t now = now_locked();
    record.expires_at_unix = now;
    order.expires_at = format_iso_utc(now);
    order.status = kStatusExpired;
    notify_locked(OrderChange::expired, record);
}

CancelOutcome SandboxState::cancel_link(const std::string& order_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = orders_.find(order_id);
    if (it == orders_.end() || !is_link(it->second))
        throw OrderNotFound(order_id);
    auto& record = it->second;
    apply_expiry_locked(record);
    auto& order = record.order;
    if (order.status == kStatusCancelled)
        return CancelOutcome::already_cancelled;
    if (order.status == kStatusPaid)
        throw OrderConflict("payment link is already paid");
    if (order.status == kStatusExpired)
        throw OrderConflict("payment link has already expired");
    order.status = kStatusCancelled;
    return CancelOutcome::cancelled;
}

void SandboxState::count_api_request() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++api_requests_;
}

std::size_t SandboxState::api_request_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return api_requests_;
}

std::size_t SandboxState::create_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return creates_;
}

void SandboxState::set_clock(Clock now_unix_seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    clock_ = now_unix_seconds ? std::move(now_unix_seconds) : Clock(system_now);
}

std::int64_t SandboxState::now() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return now_locked();
}

std::int64_t SandboxState::now_locked() const {
    return clock_();
}

OrderRecord& SandboxState::find_locked(const std::string& order_id) {
    auto it = orders_.find(order_id);
    if (it == orders_.end())
        throw OrderNotFound(order_id);
    return it->second;
}

void SandboxState::apply_expiry_locked(OrderRecord& record) {
    if (is_link(record) && record.order.status == kStatusUnpaid && record.expires_at_unix &&
        now_locked() >= *record.expires_at_unix) {
        record.order.status = kStatusExpired;
        notify_locked(OrderChange::expired, record);
    }
}

void SandboxState::set_webhooks(WebhookDispatcher* webhooks) {
    std::lock_guard<std::mutex> lock(mutex_);
    webhooks_ = webhooks;
}

WebhookDispatcher* SandboxState::webhooks() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return webhooks_;
}

void SandboxState::notify_locked(OrderChange change, const OrderRecord& record) {
    if (webhooks_)
        webhooks_->order_changed(change, record, now_locked(), shape_);
}

void SandboxState::set_answer_shape(const AnswerShape& shape) {
    std::lock_guard<std::mutex> lock(mutex_);
    shape_ = shape;
}

AnswerShape SandboxState::answer_shape() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return shape_;
}

}  // namespace jodo::sandbox
