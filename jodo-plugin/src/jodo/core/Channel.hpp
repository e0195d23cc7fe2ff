#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace jodo {

// A FIFO between two stages of the pipeline; push blocks while it is full.
template <class T>
class Channel {
  public:
    explicit Channel(std::size_t capacity) : capacity_(capacity) {}

    void push(T item) {
        std::unique_lock<std::mutex> lock(mutex_);
        room_.wait(lock, [&] { return items_.size() < capacity_; });
        items_.push_back(std::move(item));
        ready_.notify_one();
    }
    // False once closed and drained.
    bool pop(T& out) {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return !items_.empty() || closed_; });
        if (items_.empty())
            return false;
        out = std::move(items_.front());
        items_.pop_front();
        room_.notify_one();
        return true;
    }
    // Up to `max` items: waits for the first, then at most `wait` for more.
    // Empty once closed and drained.
    std::vector<T> pop_batch(std::size_t max, std::chrono::milliseconds wait) {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return !items_.empty() || closed_; });
        ready_.wait_for(lock, wait, [&] { return items_.size() >= max || closed_; });
        std::vector<T> out;
        while (!items_.empty() && out.size() < max) {
            out.push_back(std::move(items_.front()));
            items_.pop_front();
        }
        room_.notify_all();
        return out;
    }
    void close() {
        std::lock_guard<std::mutex> lock(mutex_);
        closed_ = true;
        ready_.notify_all();
    }

  private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace jodo
