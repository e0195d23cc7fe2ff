#include "jodo/audit/AuditQueue.hpp"

#include <algorithm>

namespace jodo {

AuditQueue::AuditQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

bool AuditQueue::push(StampedRecord row) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_ || rows_.size() >= capacity_) {
        ++dropped_;
        return false;
    }
    rows_.push_back(std::move(row));
    ++pushed_;
    // Wake the writer only for a full batch; otherwise its timer collects the rows.
    if (rows_.size() == kBatchRows)
        ready_.notify_one();
    return true;
}

std::vector<StampedRecord> AuditQueue::take(std::size_t max, std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait_for(lock, wait, [&] {
        return closed_ || rows_.size() >= max || (flush_target_ > done_ && !rows_.empty());
    });
    std::vector<StampedRecord> batch;
    const std::size_t n = std::min(max, rows_.size());
    batch.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(rows_.front()));
        rows_.pop_front();
    }
    return batch;
}

void AuditQueue::done(std::size_t rows) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        done_ += rows;
    }
    finished_.notify_all();
}

bool AuditQueue::flush(std::chrono::milliseconds max_wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t target = pushed_;
    flush_target_ = std::max(flush_target_, target);
    ready_.notify_one();
    return finished_.wait_for(lock, max_wait, [&] { return done_ >= target; });
}

void AuditQueue::close() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closed_ = true;
    }
    ready_.notify_all();
}

bool AuditQueue::drained() {
    std::lock_guard<std::mutex> lock(mutex_);
    return closed_ && rows_.empty();
}

std::uint64_t AuditQueue::take_dropped() {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::uint64_t n = dropped_;
    dropped_ = 0;
    return n;
}

}  // namespace jodo
