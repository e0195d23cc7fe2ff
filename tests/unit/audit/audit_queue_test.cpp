// The queue between the paying threads and the audit writer: a full queue
// drops (and counts) instead of making a payment wait.
#include <thread>

#include <gtest/gtest.h>

#include "jodo/audit/AuditQueue.hpp"

using jodo::AuditQueue;
using jodo::StampedRecord;

namespace {
StampedRecord row(int attempt) {
    StampedRecord r;
    r.record.attempt = attempt;
    return r;
}
}  // namespace

TEST(AuditQueue, AFullQueueDropsAndCountsWithoutWaiting) {
    AuditQueue queue(3);
    // No writer takes anything: were push to wait for room, this would hang.
    int kept = 0;
    for (int i = 1; i <= 1000; ++i)
        kept += queue.push(row(i)) ? 1 : 0;
    EXPECT_EQ(kept, 3);
    EXPECT_EQ(queue.take_dropped(), 997u);
    EXPECT_EQ(queue.take_dropped(), 0u);  // counted once
    const auto batch = queue.take(200, std::chrono::milliseconds(0));
    ASSERT_EQ(batch.size(), 3u);
    EXPECT_EQ(batch[0].record.attempt, 1);  // the oldest are kept
    EXPECT_EQ(batch[2].record.attempt, 3);
    EXPECT_TRUE(queue.push(row(4)));  // room again
}

TEST(AuditQueue, TakesAtMostABatch) {
    AuditQueue queue(1000);
    for (int i = 0; i < 450; ++i)
        queue.push(row(i));
    EXPECT_EQ(queue.take(AuditQueue::kBatchRows, std::chrono::milliseconds(0)).size(), 200u);
    EXPECT_EQ(queue.take(AuditQueue::kBatchRows, std::chrono::milliseconds(0)).size(), 200u);
    EXPECT_EQ(queue.take(AuditQueue::kBatchRows, std::chrono::milliseconds(0)).size(), 50u);
}

TEST(AuditQueue, FlushWaitsForTheWriterAndCloseDrains) {
    AuditQueue queue(100);
    for (int i = 0; i < 5; ++i)
        queue.push(row(i));
    std::size_t written = 0;
    std::thread writer([&] {
        while (!queue.drained()) {
            auto batch = queue.take(200, std::chrono::seconds(30));
            written += batch.size();
            queue.done(batch.size());
        }
    });
    // The writer waits up to 30 s for a full batch; flush wakes it.
    EXPECT_TRUE(queue.flush(std::chrono::seconds(10)));
    queue.close();
    writer.join();
    EXPECT_EQ(written, 5u);
    EXPECT_FALSE(queue.push(row(6)));  // closed
}
