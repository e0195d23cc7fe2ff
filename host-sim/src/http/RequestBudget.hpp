#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

#include <Poco/Net/StreamSocket.h>

namespace host_sim {

// A time budget per HTTP request, over all of one server's connections. Poco
// bounds each read of a request, not the whole request: a peer that sends one
// byte just before every read timeout would hold a server thread for hours.
// A connection past its deadline has its socket shut down, which ends the
// blocked read; the connection's thread is then free again.
//
// The budget covers reading a request (header and body). It is paused while
// the plugin works on the request (that is not the peer's doing; a busy
// database must still get its 503 out) and restarted once the answer is sent,
// for the next request on a kept-alive connection.
class RequestBudget {
  public:
    explicit RequestBudget(std::chrono::milliseconds per_request);
    ~RequestBudget();
    RequestBudget(const RequestBudget&) = delete;
    RequestBudget& operator=(const RequestBudget&) = delete;

    // Watches one connection for as long as it lives, on the thread that
    // serves it (the calls below act on this thread's connection).
    class Watch {
      public:
        Watch(RequestBudget& budget, const Poco::Net::StreamSocket& socket);
        ~Watch();
        Watch(const Watch&) = delete;
        Watch& operator=(const Watch&) = delete;

      private:
        RequestBudget& budget_;
        std::uint64_t id_;
    };

    static void pause();    // the request is read
    static void restart();  // the answer is out: a full budget for the next request

    // Connections this budget has cut, since the start.
    std::uint64_t cut_count() const;

    // The server stops: every watched connection is shut down now (a read it
    // is blocked in ends) and serves no further request.
    void stop_all();
    bool stopping() const;

  private:
    using Clock = std::chrono::steady_clock;
    struct Entry {
        Poco::Net::StreamSocket socket;
        Clock::time_point deadline;
        bool cut = false;
    };
    void set_deadline(std::uint64_t id, Clock::time_point deadline);
    void watchdog();

    const std::chrono::milliseconds per_request_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::uint64_t, Entry> entries_;
    std::uint64_t next_id_ = 1;
    std::uint64_t cut_ = 0;
    bool stopping_ = false;  // the watchdog ends
    bool stopped_all_ = false;
    std::thread thread_;
};

}  // namespace host_sim
