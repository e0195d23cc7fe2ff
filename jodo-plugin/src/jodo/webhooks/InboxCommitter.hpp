#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "jodo/webhooks/WebhookInbox.hpp"

namespace jodo {

// Group commit for the webhook inbox. Each delivery's server thread hands its
// event to store() and waits; one committer thread takes every event queued
// (those that arrived within `gather` of the first, or while the previous
// group was being committed) and stores them in one transaction, so that one
// fsync covers many events. store() returns only after its own group's commit
// succeeded; when the group fails (the database is down, locked, or any of its
// inserts fails) every event of the group fails with it and none of them is
// stored: their senders answer 503 and Jodo delivers them again.
class InboxCommitter {
  public:
    static constexpr std::chrono::microseconds kDefaultGather{1000};
    static constexpr std::size_t kDefaultMaxGroup = 256;

    explicit InboxCommitter(WebhookInbox& inbox, std::chrono::microseconds gather = kDefaultGather,
                            std::size_t max_group = kDefaultMaxGroup);
    ~InboxCommitter();  // events still queued fail (their senders answer 503)
    InboxCommitter(const InboxCommitter&) = delete;
    InboxCommitter& operator=(const InboxCommitter&) = delete;

    // Blocks until the event's group is committed. Throws what the group's
    // commit threw (Poco::Exception, erp_sql::NativeError), or
    // std::runtime_error when the committer stops first.
    WebhookInbox::Stored store(NewInboxEvent event);

  private:
    using Clock = std::chrono::steady_clock;
    struct Waiting {
        NewInboxEvent event;
        Clock::time_point arrived;
        std::promise<WebhookInbox::Stored> stored;
    };
    void run();
    void commit(std::deque<Waiting>& group);

    WebhookInbox& inbox_;
    const std::chrono::microseconds gather_;
    const std::size_t max_group_;
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::deque<Waiting> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace jodo
