#include "jodo/webhooks/InboxCommitter.hpp"

#include <stdexcept>
#include <vector>

namespace jodo {

InboxCommitter::InboxCommitter(WebhookInbox& inbox, std::chrono::microseconds gather,
                               std::size_t max_group)
    : inbox_(inbox), gather_(gather), max_group_(max_group == 0 ? 1 : max_group) {
    thread_ = std::thread([this] { run(); });
}

InboxCommitter::~InboxCommitter() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    arrived_.notify_all();
    thread_.join();
    // Nothing is acknowledged that is not stored.
    for (auto& waiting : queue_)
        waiting.stored.set_exception(std::make_exception_ptr(
            std::runtime_error("the webhook inbox is stopping; the event was not stored")));
}

WebhookInbox::Stored InboxCommitter::store(NewInboxEvent event) {
    std::future<WebhookInbox::Stored> stored;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_)
            throw std::runtime_error("the webhook inbox is stopping; the event was not stored");
        queue_.push_back(Waiting{std::move(event), Clock::now(), {}});
        stored = queue_.back().stored.get_future();
    }
    arrived_.notify_all();
    return stored.get();
}

void InboxCommitter::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        arrived_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_)
            return;
        // Events that came while the last group was committing have waited
        // long enough; a first event after a quiet spell waits `gather` for
        // the deliveries arriving with it.
        const Clock::time_point until = queue_.front().arrived + gather_;
        arrived_.wait_until(lock, until,
                            [this] { return stopping_ || queue_.size() >= max_group_; });
        if (stopping_)
            return;
        std::deque<Waiting> group;
        while (!queue_.empty() && group.size() < max_group_) {
            group.push_back(std::move(queue_.front()));
            queue_.pop_front();
        }
        lock.unlock();
        commit(group);
        lock.lock();
    }
}

void InboxCommitter::commit(std::deque<Waiting>& group) {
    std::vector<NewInboxEvent> events;
    events.reserve(group.size());
    for (const auto& waiting : group)
        events.push_back(waiting.event);
    std::vector<WebhookInbox::Stored> results;
    try {
        results = inbox_.store_group(events);
    } catch (...) {
        const std::exception_ptr failure = std::current_exception();
        for (auto& waiting : group)
            waiting.stored.set_exception(failure);
        return;
    }
    for (std::size_t i = 0; i < group.size(); ++i)
        group[i].stored.set_value(results[i]);
}

}  // namespace jodo
