#include "jodo/audit/AuditWriter.hpp"

namespace jodo {

namespace {
constexpr std::chrono::milliseconds kBatchWait{100};
}  // namespace

AuditWriter::AuditWriter(AuditLog& log, Clock clock, Log messages, int retention_days,
                         std::size_t capacity)
    : log_(log), clock_(std::move(clock)), messages_(messages), queue_(capacity) {
    retention_.set_keep_ms(RetentionSchedule::days_ms(retention_days));
    thread_ = std::thread([this] { run(); });
}

AuditWriter::~AuditWriter() {
    stop();
}

void AuditWriter::record(AuditRecord record) noexcept {
    try {
        queue_.push({clock_.now_ms(), std::move(record)});
    } catch (...) {
        // Out of memory or a host clock that threw: the row is lost, the payment is not.
    }
}

void AuditWriter::flush(std::chrono::milliseconds max_wait) {
    queue_.flush(max_wait);
}

void AuditWriter::stop() {
    queue_.close();
    if (thread_.joinable())
        thread_.join();
}

void AuditWriter::run() {
    while (!queue_.drained()) {
        try {
            auto batch = queue_.take(AuditQueue::kBatchRows, kBatchWait);
            if (const auto dropped = queue_.take_dropped())
                messages_.warn("audit log queue full (" + std::to_string(queue_.capacity()) +
                               " rows): dropped " + std::to_string(dropped) + " audit rows");
            write_batch(std::move(batch));
            purge_if_due();
        } catch (...) {
            // Out of memory or a host log that threw: this thread must not end the process.
        }
    }
}

void AuditWriter::write_batch(std::vector<StampedRecord> batch) {
    if (batch.empty())
        return;
    const std::size_t n = batch.size();
    try {
        std::vector<AuditRow> rows;
        rows.reserve(n);
        for (auto& b : batch)
            rows.push_back({clock_.iso(b.at_ms), std::move(b.record)});
        log_.write(rows);
    } catch (const std::exception& e) {
        // Not retried: the audit log must never hold up the writer's queue,
        // and the money state is never in it.
        messages_.warn("audit log: " + std::to_string(n) + " rows not written: " + e.what());
    }
    queue_.done(n);
}

void AuditWriter::purge_if_due() {
    try {
        if (const auto cutoff = retention_.due(clock_.now_ms()))
            if (const std::size_t deleted = log_.delete_before(clock_.iso(*cutoff)))
                messages_.info("deleted " + std::to_string(deleted) +
                               " audit log rows (jodo.audit.retention_days)");
    } catch (const std::exception& e) {
        messages_.warn(std::string("audit log retention: ") + e.what());
    }
}

}  // namespace jodo
