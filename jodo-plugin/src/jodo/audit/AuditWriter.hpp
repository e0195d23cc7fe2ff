#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "jodo/api/AuditSink.hpp"
#include "jodo/audit/AuditLog.hpp"
#include "jodo/audit/AuditQueue.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/core/RetentionSchedule.hpp"

namespace jodo {

// The audit log's writer: record() stamps the row and queues it (never
// waiting: a full queue drops it, counted and logged); one thread writes
// the queue in batches, one transaction per ~100 ms or 200 rows, and purges
// rows older than the retention. stop() writes what is queued and joins.
class AuditWriter final : public AuditSink {
  public:
    static constexpr std::size_t kDefaultCapacity = 20000;

    AuditWriter(AuditLog& log, Clock clock, Log messages, int retention_days,
                std::size_t capacity = kDefaultCapacity);
    ~AuditWriter() override;
    AuditWriter(const AuditWriter&) = delete;
    AuditWriter& operator=(const AuditWriter&) = delete;

    void record(AuditRecord record) noexcept override;
    // Waits (at most `max_wait`) until what was recorded so far is written.
    void flush(std::chrono::milliseconds max_wait = std::chrono::seconds(2));
    void stop();

  private:
    void run();
    void write_batch(std::vector<StampedRecord> batch);
    void purge_if_due();

    AuditLog& log_;
    Clock clock_;
    Log messages_;
    RetentionSchedule retention_;
    AuditQueue queue_;
    std::thread thread_;
};

}  // namespace jodo
