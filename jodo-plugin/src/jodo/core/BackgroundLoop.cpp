#include "jodo/core/BackgroundLoop.hpp"

#include <exception>

namespace jodo {

BackgroundLoop::BackgroundLoop(std::chrono::milliseconds interval, std::function<void()> work,
                               std::function<void(const char*)> on_error)
    : interval_(interval),
      work_(std::move(work)),
      on_error_(std::move(on_error)),
      thread_([this] { run(); }) {}

BackgroundLoop::~BackgroundLoop() {
    stop();
}

void BackgroundLoop::wake() {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
    cv_.notify_one();
}

void BackgroundLoop::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        cv_.notify_one();
    }
    if (thread_.joinable())
        thread_.join();
}

void BackgroundLoop::run() {
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            cv_.wait_for(lock, interval_, [this] { return woken_ || stopping_; });
            if (stopping_)
                return;
            woken_ = false;
        }
        try {
            work_();
        } catch (const std::exception& e) {
            on_error_(e.what());
        } catch (...) {
            on_error_("unknown failure");
        }
    }
}

}  // namespace jodo
