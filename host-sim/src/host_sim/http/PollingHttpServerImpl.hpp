#pragma once

// What the parts of PollingHttpServer share: the bounds on what a connection
// may cost, and the Impl that the poller thread and the workers run. Not for
// use outside src/http/PollingHttpServer*.cpp.

#include <sys/resource.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "host_sim/http/BufferedExchange.hpp"
#include "host_sim/http/PollingHttpServer.hpp"
#include "host_sim/http/RequestAssembler.hpp"

namespace host_sim {

namespace polling_http {

using Clock = std::chrono::steady_clock;
using Poco::Net::PollSet;

// How many connections may be open at once. Fewer when the process may open
// fewer descriptors: its soft RLIMIT_NOFILE less kReservedDescriptors (for
// the database, the plugin's files, the sandbox's sockets in tests). At the
// bound, a new connection replaces the open one that has waited longest for
// its request: a flood cannot keep a new delivery out.
inline constexpr std::size_t kMaxConnections = 4096;
inline constexpr rlim_t kReservedDescriptors = 256;
inline constexpr int kListenBacklog = 1024;

// Request bytes held per connection (RequestAssembler: a 32 KiB header, a
// 1 MiB body): the first kOwnBytes are the connection's own, anything beyond
// comes from kSharedPool, shared by all. So all requests together hold at
// most 4096 x 16 KiB + 64 MiB = 128 MiB (their strings up to twice that in
// capacity), whatever the peers do. A Content-Length body is charged whole
// before its first byte is read; a connection that needs more than the pool
// has is not read until the pool has room again (the kernel's window holds
// its sender back), and its request budget still runs. A webhook (a few KiB)
// or a page request fits in its own 16 KiB and never waits for the pool.
inline constexpr std::size_t kOwnBytes = 16 * 1024;
inline constexpr std::size_t kSharedPool = std::size_t{64} << 20;
inline constexpr std::size_t kMaxRequestBytes =
    RequestAssembler::kMaxHeaderBytes + RequestAssembler::kMaxBodyBytes + 64 * 1024;
inline constexpr std::size_t kReadChunk = 16 * 1024;
inline constexpr std::size_t kFairShare = 64 * 1024;  // read from one connection per wake-up

// Deadlines, checked every kTick:
// - a request must be whole within kRequestBudget of the connection being
//   ready for it (accepted, or its previous answer sent), however slowly it
//   trickles in; else the connection is cut;
// - kSilence without a byte in the middle of a request: a request whose
//   header is whole goes to its handler with the body it has (which refuses
//   it: 400); one whose header is not is cut;
// - kKeepAliveIdle without the first byte of a request: closed;
// - kAnswerBudget for the peer to take an answer;
// - kGentleClose: after a refusal, the rest of what the peer sends is read
//   and dropped (up to kGentleCloseBytes) so that the answer is not lost to
//   a TCP reset.
inline constexpr auto kRequestBudget = std::chrono::seconds(10);
inline constexpr auto kSilence = std::chrono::seconds(3);
inline constexpr auto kKeepAliveIdle = std::chrono::seconds(3);
inline constexpr auto kAnswerBudget = std::chrono::seconds(10);
inline constexpr auto kGentleClose = std::chrono::seconds(2);
inline constexpr std::size_t kGentleCloseBytes = 1 << 20;
inline constexpr auto kTick = std::chrono::milliseconds(100);
// stop(): how long the answers of requests already read may take to go out.
inline constexpr auto kStopGrace = std::chrono::seconds(5);
inline constexpr int kMaxKeepAliveRequests = 100;
// Whole requests only: a worker waits on its handler (a plugin, a
// database), never on a peer.
inline constexpr std::size_t kMaxWorkers = 128;
inline constexpr int kAcceptBurst = 256;

inline bool would_block() {
    return errno == EAGAIN || errno == EWOULDBLOCK;
}

}  // namespace polling_http

class PollingHttpServer::Impl {
  public:
    Impl(Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, std::string host, std::uint16_t port)
        : handlers_(std::move(handlers)), host_(std::move(host)), requested_port_(port) {}

    ~Impl() { stop(); }

    void start();
    void stop();
    std::uint16_t port() const { return port_; }
    Stats stats() const;

  private:
    using Clock = polling_http::Clock;

    enum class Phase { Reading, Working, Writing, Closing, Closed };

    struct Connection {
        std::uint64_t id = 0;
        Poco::Net::StreamSocket socket;
        Poco::Net::SocketAddress peer;
        Poco::Net::SocketAddress local;
        Phase phase = Phase::Reading;
        int mode = 0;            // what the PollSet watches it for
        bool parked = false;     // waiting for room in the shared pool
        bool peer_done = false;  // the peer closed its side
        RequestAssembler request;
        std::size_t in_flight = 0;      // request bytes a worker holds
        std::size_t charged = 0;        // drawn from the shared pool
        bool reserved = false;          // the whole announced body is charged
        Clock::time_point ready_since;  // the request budget counts from here
        Clock::time_point last_byte;
        Clock::time_point deadline;  // Writing, Closing
        int served = 0;
        std::string out;  // answer bytes not sent yet
        std::size_t out_at = 0;
        bool close_after = false;
        std::size_t drained = 0;
    };

    struct Job {
        std::uint64_t id = 0;
        std::unique_ptr<BufferedRequest> request;
        bool may_keep_alive = false;
    };

    struct Answer {
        std::uint64_t id = 0;
        std::string bytes;
        bool close = true;
    };

    // The poller thread (PollingHttpServerPoller.cpp).
    void run();
    template <typename Step>
    bool guarded(Step step);
    void begin_drain();
    bool busy() const;
    void accept_ready();
    void on_ready(Connection& c);
    void sweep();
    bool evict_one();
    void watch(Connection& c, int mode);
    void bury();
    static int fd(const Connection& c) { return c.socket.impl()->sockfd(); }

    // Reading a request within the bounds (PollingHttpServerReading.cpp).
    void read_request(Connection& c);
    void advance(Connection& c);
    void end_of_input(Connection& c, bool peer_closed);
    void charge(Connection& c);
    std::size_t read_room(Connection& c);
    void park(Connection& c);
    void unpark_all();

    // Answering, and closing (PollingHttpServerClosing.cpp).
    void answer_now(Connection& c, std::string bytes);
    void write_answer(Connection& c);
    void close_gently(Connection& c);
    void drain(Connection& c);
    void close(Connection& c);

    // The workers, and their answers back to the poller
    // (PollingHttpServerWorkers.cpp).
    void hand_over(Connection& c);
    void finish_answers();
    void drain_wake();
    void submit(Job job);
    void work();
    Answer serve(Job& job);
    void wake();

    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    std::string host_;
    std::uint16_t requested_port_;
    std::uint16_t port_ = 0;
    Poco::Net::HTTPServerParams::Ptr params_;
    bool running_ = false;
    std::atomic<bool> stopping_{false};

    // Owned by the poller thread (and by stop() once it has ended).
    std::thread poller_;
    Poco::Net::ServerSocket listener_;
    Poco::Net::PollSet poll_;
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
    std::unordered_map<const Poco::Net::SocketImpl*, Connection*> by_socket_;
    std::vector<std::uint64_t> graveyard_;  // closed this round, erased at its end
    std::vector<std::uint64_t> parked_;
    std::uint64_t next_id_ = 1;
    std::size_t max_open_ = polling_http::kMaxConnections;
    bool accept_paused_ = false;
    Clock::time_point now_;
    Clock::time_point next_sweep_;
    char buffer_[polling_http::kReadChunk];

    // Wakes the poller when a worker has an answer: PollSet has no wake-up
    // of its own in Poco 1.11, so a datagram to itself on 127.0.0.1 does.
    Poco::Net::DatagramSocket wake_rx_;
    Poco::Net::DatagramSocket wake_tx_;
    Poco::Net::SocketAddress wake_address_;
    std::atomic<bool> wake_pending_{false};

    std::mutex jobs_mutex_;
    std::condition_variable jobs_ready_;
    std::deque<Job> jobs_;
    std::vector<std::thread> workers_;
    std::size_t idle_workers_ = 0;
    bool workers_stop_ = false;

    std::mutex answers_mutex_;
    std::deque<Answer> answers_;

    std::atomic<std::uint64_t> open_{0};
    std::atomic<std::uint64_t> accepted_{0};
    std::atomic<std::uint64_t> cut_{0};
    std::atomic<std::uint64_t> evicted_{0};
    std::atomic<std::uint64_t> refused_{0};
    std::atomic<std::uint64_t> pooled_{0};
};
}  // namespace host_sim
