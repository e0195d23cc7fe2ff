#include "http/RequestBudget.hpp"

#include <Poco/Exception.h>

namespace host_sim {

namespace {
// The connection served on this thread: the handler, deep inside Poco's
// connection loop, reaches its watch through this.
thread_local RequestBudget* current_budget = nullptr;
thread_local std::uint64_t current_id = 0;
constexpr auto kCheckEvery = std::chrono::milliseconds(100);
}  // namespace

RequestBudget::RequestBudget(std::chrono::milliseconds per_request) : per_request_(per_request) {
    thread_ = std::thread([this] { watchdog(); });
}

RequestBudget::~RequestBudget() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

RequestBudget::Watch::Watch(RequestBudget& budget, const Poco::Net::StreamSocket& socket)
    : budget_(budget) {
    std::lock_guard<std::mutex> lock(budget.mutex_);
    id_ = budget.next_id_++;
    budget.entries_[id_] = Entry{socket, Clock::now() + budget.per_request_};
    current_budget = &budget;
    current_id = id_;
}

RequestBudget::Watch::~Watch() {
    // Before the connection closes its socket: the watchdog must never shut
    // down a descriptor that the system has given to another connection.
    std::lock_guard<std::mutex> lock(budget_.mutex_);
    budget_.entries_.erase(id_);
    current_budget = nullptr;
    current_id = 0;
}

void RequestBudget::pause() {
    if (current_budget)
        current_budget->set_deadline(current_id, Clock::time_point::max());
}

void RequestBudget::restart() {
    if (current_budget)
        current_budget->set_deadline(current_id, Clock::now() + current_budget->per_request_);
}

std::uint64_t RequestBudget::cut_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return cut_;
}

void RequestBudget::stop_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_all_ = true;
    for (auto& [id, entry] : entries_) {
        try {
            entry.socket.shutdown();
        } catch (const Poco::Exception&) {
        }
    }
}

bool RequestBudget::stopping() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopped_all_;
}

void RequestBudget::set_deadline(std::uint64_t id, Clock::time_point deadline) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(id);
    if (it != entries_.end() && !it->second.cut)
        it->second.deadline = deadline;
}

void RequestBudget::watchdog() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, kCheckEvery);
        const auto now = Clock::now();
        for (auto& [id, entry] : entries_) {
            if (entry.cut || entry.deadline > now)
                continue;
            entry.cut = true;
            ++cut_;
            try {
                entry.socket.shutdown();
            } catch (const Poco::Exception&) {
                // Already closed: nothing left to cut.
            }
        }
    }
}

}  // namespace host_sim
