#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "jodo/api/AuditSink.hpp"

namespace jodo {

struct StampedRecord {
    std::int64_t at_ms = 0;  // host clock, unix milliseconds
    AuditRecord record;
};

// Between the threads that pay and the one that writes the audit log: push
// never waits (a full queue drops the row and counts it), the writer takes
// rows in batches.
class AuditQueue {
  public:
    // Rows the writer takes at most per transaction.
    static constexpr std::size_t kBatchRows = 200;

    explicit AuditQueue(std::size_t capacity);

    // False when the queue was full or closed and the row was dropped.
    bool push(StampedRecord row);

    // Up to `max` rows, as soon as `max` are waiting or `wait` has passed
    // (sooner when closed or a flush is asked for). Empty once closed and drained.
    std::vector<StampedRecord> take(std::size_t max, std::chrono::milliseconds wait);
    // The writer is done with `rows` taken rows (written or given up).
    void done(std::size_t rows);

    // Waits until every row pushed before this call is done, or `max_wait`.
    bool flush(std::chrono::milliseconds max_wait);
    void close();
    // Closed and nothing left to take.
    bool drained();

    // Rows dropped since the last call.
    std::uint64_t take_dropped();
    std::size_t capacity() const noexcept { return capacity_; }

  private:
    const std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable finished_;
    std::deque<StampedRecord> rows_;
    std::uint64_t pushed_ = 0;
    std::uint64_t done_ = 0;
    std::uint64_t dropped_ = 0;
    std::uint64_t flush_target_ = 0;
    bool closed_ = false;
};

}  // namespace jodo
