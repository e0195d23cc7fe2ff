#include "http/PollingHttpServer.hpp"

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <Poco/Timestamp.h>
#include <spdlog/spdlog.h>

#include "http/BufferedExchange.hpp"
#include "http/RequestAssembler.hpp"

namespace host_sim {

namespace {

using Clock = std::chrono::steady_clock;
using Poco::Net::PollSet;

// How many connections may be open at once. Fewer when the process may open
// fewer descriptors: its soft RLIMIT_NOFILE less kReservedDescriptors (for
// the database, the plugin's files, the sandbox's sockets in tests). At the
// bound, a new connection replaces the open one that has waited longest for
// its request: a flood cannot keep a new delivery out.
constexpr std::size_t kMaxConnections = 4096;
constexpr rlim_t kReservedDescriptors = 256;
constexpr int kListenBacklog = 1024;

// Request bytes held per connection (RequestAssembler: a 32 KiB header, a
// 1 MiB body): the first kOwnBytes are the connection's own, anything beyond
// comes from kSharedPool, shared by all. So all requests together hold at
// most 4096 x 16 KiB + 64 MiB = 128 MiB (their strings up to twice that in
// capacity), whatever the peers do. A Content-Length body is charged whole
// before its first byte is read; a connection that needs more than the pool
// has is not read until the pool has room again (the kernel's window holds
// its sender back), and its request budget still runs. A webhook (a few KiB)
// or a page request fits in its own 16 KiB and never waits for the pool.
constexpr std::size_t kOwnBytes = 16 * 1024;
constexpr std::size_t kSharedPool = std::size_t{64} << 20;
constexpr std::size_t kMaxRequestBytes =
    RequestAssembler::kMaxHeaderBytes + RequestAssembler::kMaxBodyBytes + 64 * 1024;
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kFairShare = 64 * 1024;  // read from one connection per wake-up

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
constexpr auto kRequestBudget = std::chrono::seconds(10);
constexpr auto kSilence = std::chrono::seconds(3);
constexpr auto kKeepAliveIdle = std::chrono::seconds(3);
constexpr auto kAnswerBudget = std::chrono::seconds(10);
constexpr auto kGentleClose = std::chrono::seconds(2);
constexpr std::size_t kGentleCloseBytes = 1 << 20;
constexpr auto kTick = std::chrono::milliseconds(100);
// stop(): how long the answers of requests already read may take to go out.
constexpr auto kStopGrace = std::chrono::seconds(5);
constexpr int kMaxKeepAliveRequests = 100;
// Whole requests only: a worker waits on its handler (a plugin, a
// database), never on a peer.
constexpr std::size_t kMaxWorkers = 128;
constexpr int kAcceptBurst = 256;

const char* const kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool would_block() {
    return errno == EAGAIN || errno == EWOULDBLOCK;
}

}  // namespace

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

    // The poller thread.
    void run();
    template <typename Step>
    bool guarded(Step step);
    void begin_drain();
    bool busy() const;
    void accept_ready();
    void on_ready(Connection& c);
    void read_request(Connection& c);
    void advance(Connection& c);
    void end_of_input(Connection& c, bool peer_closed);
    void hand_over(Connection& c);
    void answer_now(Connection& c, std::string bytes);
    void finish_answers();
    void write_answer(Connection& c);
    void close_gently(Connection& c);
    void drain(Connection& c);
    void close(Connection& c);
    void sweep();
    bool evict_one();
    void watch(Connection& c, int mode);
    void charge(Connection& c);
    std::size_t read_room(Connection& c);
    void park(Connection& c);
    void unpark_all();
    void bury();
    void drain_wake();
    static int fd(const Connection& c) { return c.socket.impl()->sockfd(); }

    // The workers.
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
    std::size_t max_open_ = kMaxConnections;
    bool accept_paused_ = false;
    Clock::time_point now_;
    Clock::time_point next_sweep_;
    char buffer_[kReadChunk];

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

void PollingHttpServer::Impl::start() {
    if (running_)
        return;
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        const rlim_t usable = limit.rlim_cur > kReservedDescriptors * 2
                                  ? limit.rlim_cur - kReservedDescriptors
                                  : limit.rlim_cur / 2;
        max_open_ = std::min<std::size_t>(kMaxConnections, static_cast<std::size_t>(usable));
    }
    listener_.bind(Poco::Net::SocketAddress(host_, requested_port_), true, false);
    listener_.listen(kListenBacklog);
    listener_.setBlocking(false);
    port_ = listener_.address().port();
    wake_rx_ = Poco::Net::DatagramSocket(Poco::Net::SocketAddress::IPv4);
    wake_rx_.bind(Poco::Net::SocketAddress("127.0.0.1", 0), false);
    wake_rx_.setBlocking(false);
    wake_address_ = wake_rx_.address();
    wake_tx_ = Poco::Net::DatagramSocket(Poco::Net::SocketAddress::IPv4);
    params_ = new Poco::Net::HTTPServerParams;
    params_->setKeepAlive(true);
    params_->setKeepAliveTimeout(Poco::Timespan(
        std::chrono::duration_cast<std::chrono::microseconds>(kKeepAliveIdle).count()));
    params_->setMaxKeepAliveRequests(kMaxKeepAliveRequests);
    params_->setTimeout(
        Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(kSilence).count()));
    poll_.add(listener_, PollSet::POLL_READ);
    poll_.add(wake_rx_, PollSet::POLL_READ);
    stopping_ = false;
    running_ = true;
    poller_ = std::thread([this] { run(); });
}

void PollingHttpServer::Impl::stop() {
    if (!running_)
        return;
    stopping_ = true;
    wake();
    poller_.join();  // after the answers in progress are out (kStopGrace at most)
    // No new jobs now. Handlers still running finish, however long they
    // take (a plugin is never stopped under one); requests still queued are
    // dropped with their connections.
    {
        std::lock_guard<std::mutex> lock(jobs_mutex_);
        workers_stop_ = true;
        jobs_.clear();
    }
    jobs_ready_.notify_all();
    for (auto& worker : workers_)
        worker.join();
    workers_.clear();
    for (auto& [id, c] : connections_)
        close(*c);
    bury();
    poll_.clear();
    wake_rx_.close();
    wake_tx_.close();
    answers_.clear();
    running_ = false;
}

PollingHttpServer::Stats PollingHttpServer::Impl::stats() const {
    Stats s;
    s.open = open_.load();
    s.accepted = accepted_.load();
    s.cut = cut_.load();
    s.evicted = evicted_.load();
    s.refused = refused_.load();
    s.max_open = max_open_;
    s.pooled = pooled_.load();
    return s;
}

// Nothing may end the poller thread: a failure (out of memory, a PollSet
// call refused) costs the connection it was about, not the server.
template <typename Step>
bool PollingHttpServer::Impl::guarded(Step step) {
    try {
        step();
        return true;
    } catch (const Poco::Exception& e) {
        spdlog::error("plugin HTTP endpoint: {}", e.displayText());
    } catch (const std::exception& e) {
        spdlog::error("plugin HTTP endpoint: {}", e.what());
    } catch (...) {
        spdlog::error("plugin HTTP endpoint: unknown failure");
    }
    return false;
}

void PollingHttpServer::Impl::run() {
    next_sweep_ = Clock::now() + kTick;
    bool draining = false;
    Clock::time_point drain_until;
    for (;;) {
        if (stopping_ && !draining) {
            draining = true;
            drain_until = Clock::now() + kStopGrace;
            guarded([this] { begin_drain(); });
            bury();
        }
        if (draining && (!busy() || Clock::now() >= drain_until))
            return;
        PollSet::SocketModeMap ready;
        try {
            ready = poll_.poll(Poco::Timespan(
                std::chrono::duration_cast<std::chrono::microseconds>(kTick).count()));
        } catch (const Poco::Exception& e) {
            spdlog::error("plugin HTTP endpoint: polling failed: {}", e.displayText());
            std::this_thread::sleep_for(kTick);
        }
        now_ = Clock::now();
        for (const auto& [socket, mode] : ready) {
            if (socket == listener_) {
                guarded([this] { accept_ready(); });
            } else if (socket == wake_rx_) {
                drain_wake();
            } else {
                const auto it = by_socket_.find(socket.impl());
                if (it == by_socket_.end())
                    continue;
                Connection& c = *it->second;
                if (!guarded([this, &c] { on_ready(c); }))
                    guarded([this, &c] { close(c); });
            }
        }
        guarded([this] { finish_answers(); });
        if (now_ >= next_sweep_) {
            guarded([this] { sweep(); });
            next_sweep_ = now_ + kTick;
        }
        bury();
    }
}

// stop(): no new connection or request; the requests with a worker (or in
// its queue) are answered, for kStopGrace at most.
void PollingHttpServer::Impl::begin_drain() {
    if (!accept_paused_)
        poll_.remove(listener_);
    accept_paused_ = false;
    listener_.close();
    for (auto& [id, c] : connections_)
        if (c->phase == Phase::Reading || c->phase == Phase::Closing)
            close(*c);
}

bool PollingHttpServer::Impl::busy() const {
    for (const auto& [id, c] : connections_)
        if (c->phase == Phase::Working || c->phase == Phase::Writing)
            return true;
    return false;
}

void PollingHttpServer::Impl::accept_ready() {
    for (int i = 0; i < kAcceptBurst; ++i) {
        const int fd =
            ::accept4(listener_.impl()->sockfd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Out of descriptors: make room, or leave the backlog alone
                // until the next tick.
                if (!evict_one()) {
                    poll_.remove(listener_);
                    accept_paused_ = true;
                }
            }
            return;  // EAGAIN: every pending connection is taken
        }
        Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(fd));
        if (open_.load() >= max_open_ && !evict_one()) {
            socket.close();  // every open connection is busy with a request
            continue;
        }
        auto c = std::make_unique<Connection>();
        c->id = next_id_++;
        c->socket = socket;
        c->ready_since = now_;
        c->last_byte = now_;
        try {
            c->peer = socket.peerAddress();
            c->local = socket.address();
            socket.setNoDelay(true);
            watch(*c, PollSet::POLL_READ);
        } catch (const Poco::Exception&) {
            socket.close();  // gone already
            continue;
        }
        by_socket_[socket.impl()] = c.get();
        connections_.emplace(c->id, std::move(c));
        ++open_;
        ++accepted_;
    }
}

void PollingHttpServer::Impl::on_ready(Connection& c) {
    switch (c.phase) {
        case Phase::Reading:
            read_request(c);
            break;
        case Phase::Writing:
            write_answer(c);
            break;
        case Phase::Closing:
            drain(c);
            break;
        case Phase::Working:
        case Phase::Closed:
            break;
    }
}

void PollingHttpServer::Impl::read_request(Connection& c) {
    std::size_t taken = 0;
    while (c.phase == Phase::Reading && !c.parked) {
        const std::size_t room = read_room(c);
        if (room == 0) {
            park(c);
            return;
        }
        const std::size_t wanted = std::min(room, kReadChunk);
        const ssize_t n = ::recv(fd(c), buffer_, wanted, 0);
        if (n > 0) {
            c.request.append(buffer_, static_cast<std::size_t>(n));
            c.last_byte = now_;
            charge(c);
            advance(c);
            taken += static_cast<std::size_t>(n);
            // Less than asked for: the kernel has no more just now (the
            // PollSet says when it has). Enough taken: the others' turn.
            if (static_cast<std::size_t>(n) < wanted || taken >= kFairShare)
                return;
            continue;
        }
        if (n == 0) {
            end_of_input(c, true);
            return;
        }
        if (errno == EINTR)
            continue;
        if (!would_block())
            close(c);  // reset
        return;
    }
}

void PollingHttpServer::Impl::advance(Connection& c) {
    switch (c.request.advance()) {
        case RequestAssembler::State::Header:
            return;
        case RequestAssembler::State::Body:
            if (c.request.take_continue()) {
                // Sent now if it fits (it does, but for a peer that reads
                // nothing); what does not goes before the answer.
                c.out += kContinue;
                while (c.out_at < c.out.size()) {
                    const ssize_t n = ::send(fd(c), c.out.data() + c.out_at,
                                             c.out.size() - c.out_at, MSG_NOSIGNAL);
                    if (n <= 0)
                        break;
                    c.out_at += static_cast<std::size_t>(n);
                }
                if (c.out_at == c.out.size()) {
                    c.out.clear();
                    c.out_at = 0;
                }
            }
            return;
        case RequestAssembler::State::Complete:
            hand_over(c);
            return;
        case RequestAssembler::State::Refused:
            ++refused_;
            answer_now(c, refusal_bytes(c.request.refusal_status(), c.request.refusal()));
            return;
    }
}

void PollingHttpServer::Impl::end_of_input(Connection& c, bool peer_closed) {
    c.peer_done = c.peer_done || peer_closed;
    if (c.request.end_of_input() == RequestAssembler::State::Complete) {
        hand_over(c);  // the header is whole: its handler answers the short body
        return;
    }
    // Nothing of a request (a kept-alive connection the peer closed), or a
    // header that stopped coming: nothing to answer.
    if (!peer_closed)
        ++cut_;
    close(c);
}

void PollingHttpServer::Impl::hand_over(Connection& c) {
    auto request = std::make_unique<BufferedRequest>(c.request.take(), c.peer, c.local, params_);
    c.in_flight = request->bytes();
    c.reserved = false;
    charge(c);
    c.phase = Phase::Working;
    watch(c, 0);  // what the peer sends meanwhile waits in the kernel
    Job job;
    job.id = c.id;
    job.may_keep_alive = !c.peer_done && c.served + 1 < kMaxKeepAliveRequests;
    job.request = std::move(request);
    submit(std::move(job));
}

void PollingHttpServer::Impl::answer_now(Connection& c, std::string bytes) {
    c.request.clear();
    c.reserved = false;
    charge(c);
    c.out += bytes;
    c.close_after = true;
    c.phase = Phase::Writing;
    c.deadline = now_ + kAnswerBudget;
    write_answer(c);
}

void PollingHttpServer::Impl::finish_answers() {
    std::deque<Answer> done;
    {
        std::lock_guard<std::mutex> lock(answers_mutex_);
        done.swap(answers_);
    }
    for (auto& answer : done) {
        const auto it = connections_.find(answer.id);
        if (it == connections_.end() || it->second->phase != Phase::Working)
            continue;
        Connection& c = *it->second;
        c.in_flight = 0;
        charge(c);
        ++c.served;
        if (c.out.empty())
            c.out = std::move(answer.bytes);
        else
            c.out += answer.bytes;
        c.close_after = answer.close;
        c.phase = Phase::Writing;
        c.deadline = now_ + kAnswerBudget;
        write_answer(c);
    }
}

void PollingHttpServer::Impl::write_answer(Connection& c) {
    while (c.out_at < c.out.size()) {
        const ssize_t n =
            ::send(fd(c), c.out.data() + c.out_at, c.out.size() - c.out_at, MSG_NOSIGNAL);
        if (n > 0) {
            c.out_at += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && would_block()) {
            watch(c, PollSet::POLL_WRITE);
            return;
        }
        close(c);  // the peer is gone
        return;
    }
    std::string().swap(c.out);
    c.out_at = 0;
    if (stopping_) {
        close(c);
        return;
    }
    if (c.close_after) {
        close_gently(c);
        return;
    }
    // Kept alive: the next request, which may be in already (pipelined).
    c.phase = Phase::Reading;
    c.ready_since = now_;
    c.last_byte = now_;
    watch(c, PollSet::POLL_READ);
    advance(c);
}

// FIN first, then read and drop what still comes for a moment: closing with
// the peer's bytes unread (the rest of a refused body) sends a reset, and a
// reset can make the peer drop the answer it has not read yet.
void PollingHttpServer::Impl::close_gently(Connection& c) {
    c.request.clear();
    c.reserved = false;
    charge(c);
    try {
        c.socket.shutdownSend();
    } catch (const Poco::Exception&) {
        close(c);
        return;
    }
    c.phase = Phase::Closing;
    c.deadline = now_ + kGentleClose;
    c.drained = 0;
    watch(c, PollSet::POLL_READ);
}

void PollingHttpServer::Impl::drain(Connection& c) {
    for (;;) {
        const ssize_t n = ::recv(fd(c), buffer_, sizeof buffer_, 0);
        if (n > 0) {
            c.drained += static_cast<std::size_t>(n);
            if (c.drained >= kGentleCloseBytes)
                break;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && would_block())
            return;
        break;  // the peer closed too, or reset
    }
    close(c);
}

void PollingHttpServer::Impl::close(Connection& c) {
    if (c.phase == Phase::Closed)
        return;
    c.phase = Phase::Closed;
    c.parked = false;  // before charge(): it may unpark the others, never this one
    try {
        watch(c, 0);
    } catch (const Poco::Exception&) {
        c.mode = 0;
    }
    c.request.clear();
    c.in_flight = 0;
    c.reserved = false;
    charge(c);
    std::string().swap(c.out);
    by_socket_.erase(c.socket.impl());
    try {
        c.socket.close();
    } catch (const Poco::Exception&) {
        // Closed already.
    }
    graveyard_.push_back(c.id);
    --open_;
}

void PollingHttpServer::Impl::sweep() {
    for (auto& [id, ptr] : connections_) {
        Connection& c = *ptr;
        switch (c.phase) {
            case Phase::Reading:
                if (!c.request.started()) {
                    if (now_ - c.ready_since >= kKeepAliveIdle)
                        close(c);  // idle
                } else if (now_ - c.ready_since >= kRequestBudget) {
                    ++cut_;  // however slowly it came, this request is out of time
                    close(c);
                } else if (!c.parked && now_ - c.last_byte >= kSilence) {
                    end_of_input(c, false);
                }
                break;
            case Phase::Writing:
                if (now_ >= c.deadline) {
                    ++cut_;  // the peer does not take its answer
                    close(c);
                }
                break;
            case Phase::Closing:
                if (now_ >= c.deadline)
                    close(c);
                break;
            case Phase::Working:
            case Phase::Closed:
                break;
        }
    }
    if (accept_paused_ && !stopping_) {
        accept_paused_ = false;
        poll_.add(listener_, PollSet::POLL_READ);
    }
}

// Closes a closing connection, or else the one that has waited longest for
// its request; false when every connection is with a worker or answering.
bool PollingHttpServer::Impl::evict_one() {
    Connection* victim = nullptr;
    for (auto& [id, ptr] : connections_) {
        Connection& c = *ptr;
        if (c.phase == Phase::Closing) {
            victim = &c;
            break;
        }
        if (c.phase == Phase::Reading && (victim == nullptr || c.ready_since < victim->ready_since))
            victim = &c;
    }
    if (victim == nullptr)
        return false;
    if (victim->phase == Phase::Reading)
        ++evicted_;
    close(*victim);
    return true;
}

void PollingHttpServer::Impl::watch(Connection& c, int mode) {
    if (mode != 0)
        mode |= PollSet::POLL_ERROR;
    if (mode == c.mode)
        return;
    if (c.mode == 0)
        poll_.add(c.socket, mode);
    else if (mode == 0)
        poll_.remove(c.socket);
    else
        poll_.update(c.socket, mode);
    c.mode = mode;
}

void PollingHttpServer::Impl::charge(Connection& c) {
    const std::size_t held =
        std::max(c.request.held() + c.in_flight, c.reserved ? c.request.announced_body() : 0);
    const std::size_t charged = held > kOwnBytes ? held - kOwnBytes : 0;
    if (charged >= c.charged) {
        pooled_ += charged - c.charged;
        c.charged = charged;
        return;
    }
    pooled_ -= c.charged - charged;
    c.charged = charged;
    if (!parked_.empty())
        unpark_all();
}

std::size_t PollingHttpServer::Impl::read_room(Connection& c) {
    const std::size_t held = c.request.held() + c.in_flight;
    if (held >= kMaxRequestBytes)
        return 0;
    // A Content-Length body is charged whole before any of it is read, or
    // waits: the bodies given room can all finish, and many half-read ones
    // cannot spend the pool between them and all wait for their budget.
    const std::size_t announced = c.request.announced_body();
    if (announced > 0) {
        if (!c.reserved) {
            const std::size_t need = announced > kOwnBytes ? announced - kOwnBytes : 0;
            const std::size_t extra = need > c.charged ? need - c.charged : 0;
            if (pooled_.load() + extra > kSharedPool)
                return 0;
            c.reserved = true;
            charge(c);
        }
        return announced > held ? announced - held : 0;
    }
    const std::size_t own = held < kOwnBytes ? kOwnBytes - held : 0;
    const std::size_t pooled = pooled_.load();
    const std::size_t pool = pooled < kSharedPool ? kSharedPool - pooled : 0;
    return std::min(kMaxRequestBytes - held, own + pool);
}

void PollingHttpServer::Impl::park(Connection& c) {
    if (c.request.held() >= kMaxRequestBytes) {
        // Cannot happen with the assembler's own limits; never wait for it.
        ++refused_;
        answer_now(c, refusal_bytes(413, "the request is too large"));
        return;
    }
    c.parked = true;
    watch(c, 0);
    parked_.push_back(c.id);
}

void PollingHttpServer::Impl::unpark_all() {
    std::vector<std::uint64_t> parked;
    parked.swap(parked_);
    for (const auto id : parked) {
        const auto it = connections_.find(id);
        if (it == connections_.end() || !it->second->parked || it->second->phase != Phase::Reading)
            continue;
        it->second->parked = false;
        watch(*it->second, PollSet::POLL_READ);
    }
}

void PollingHttpServer::Impl::bury() {
    for (const auto id : graveyard_)
        connections_.erase(id);
    graveyard_.clear();
}

void PollingHttpServer::Impl::drain_wake() {
    char sink[64];
    while (::recv(wake_rx_.impl()->sockfd(), sink, sizeof sink, 0) > 0) {
    }
    wake_pending_ = false;  // before the answers are taken: none is missed
}

void PollingHttpServer::Impl::wake() {
    if (wake_pending_.exchange(true))
        return;
    try {
        wake_tx_.sendTo("!", 1, wake_address_);
    } catch (const Poco::Exception&) {
        // The poller looks for answers every tick anyway.
    }
}

void PollingHttpServer::Impl::submit(Job job) {
    std::lock_guard<std::mutex> lock(jobs_mutex_);
    jobs_.push_back(std::move(job));
    if (jobs_.size() > idle_workers_ && workers_.size() < kMaxWorkers)
        workers_.emplace_back([this] { work(); });
    jobs_ready_.notify_one();
}

void PollingHttpServer::Impl::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(jobs_mutex_);
            ++idle_workers_;
            jobs_ready_.wait(lock, [this] { return workers_stop_ || !jobs_.empty(); });
            --idle_workers_;
            if (workers_stop_)
                return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        Answer answer = serve(job);
        {
            std::lock_guard<std::mutex> lock(answers_mutex_);
            answers_.push_back(std::move(answer));
        }
        wake();
    }
}

// As Poco::Net::HTTPServerConnection serves one request, from memory.
PollingHttpServer::Impl::Answer PollingHttpServer::Impl::serve(Job& job) {
    BufferedRequest& request = *job.request;
    auto response = std::make_unique<BufferedResponse>();
    request.set_response(*response);
    response->setDate(Poco::Timestamp());
    response->setVersion(request.getVersion());
    bool keep_alive = job.may_keep_alive && request.framing_consumed() && request.getKeepAlive();
    response->setKeepAlive(keep_alive);
    try {
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            handlers_->createRequestHandler(request));
        if (!handler)
            throw Poco::NotFoundException("no handler");
        handler->handleRequest(request, *response);
        if (!response->sent())
            throw Poco::IllegalStateException("the handler sent no answer");
    } catch (...) {
        // Not the message: it may quote what the request carried.
        spdlog::warn("plugin HTTP endpoint: {} {} failed in its handler; answered 500",
                     request.getMethod(), request.getURI().substr(0, request.getURI().find('?')));
        response = std::make_unique<BufferedResponse>();
        request.set_response(*response);
        response->setDate(Poco::Timestamp());
        response->setVersion(request.getVersion());
        response->setStatusAndReason(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        response->setContentType("application/json");
        response->send() << R"({"status":"error","message":"the request could not be handled"})";
        keep_alive = false;
    }
    keep_alive = keep_alive && response->getKeepAlive() && !stopping_;
    response->setKeepAlive(keep_alive);
    Answer answer;
    answer.id = job.id;
    answer.bytes = response->serialize(request.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD);
    answer.close = !keep_alive;
    return answer;
}

std::uint64_t raise_descriptor_limit_for_http() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    const rlim_t wanted = kMaxConnections + kReservedDescriptors;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
        limit.rlim_cur =
            limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<std::uint64_t>(limit.rlim_cur);
}

PollingHttpServer::PollingHttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                                     std::string host, std::uint16_t port)
    : impl_(std::make_unique<Impl>(std::move(handlers), std::move(host), port)) {}

PollingHttpServer::~PollingHttpServer() = default;

void PollingHttpServer::start() {
    impl_->start();
}

void PollingHttpServer::stop() {
    impl_->stop();
}

std::uint16_t PollingHttpServer::port() const {
    return impl_->port();
}

PollingHttpServer::Stats PollingHttpServer::stats() const {
    return impl_->stats();
}

}  // namespace host_sim
