#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace jodo {

// A thread that runs `work` every `interval`, or at once when woken, until
// stopped. Exceptions from `work` are reported and the loop goes on.
class BackgroundLoop {
  public:
    BackgroundLoop(std::chrono::milliseconds interval, std::function<void()> work,
                   std::function<void(const char*)> on_error);
    ~BackgroundLoop();
    BackgroundLoop(const BackgroundLoop&) = delete;
    BackgroundLoop& operator=(const BackgroundLoop&) = delete;

    void wake();
    void stop();

  private:
    void run();

    std::chrono::milliseconds interval_;
    std::function<void()> work_;
    std::function<void(const char*)> on_error_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool woken_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace jodo
