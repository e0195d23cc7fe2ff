// The poller thread: one loop that accepts, hands each ready connection to
// its phase, and enforces the deadlines (sweep); at the bound on
// connections, eviction makes room for a new one.

#include "host_sim/http/PollingHttpServerImpl.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <exception>

#include <Poco/Exception.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <spdlog/spdlog.h>

namespace host_sim {

using namespace polling_http;

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
        // Connections accepted in one tick share ready_since: the lower id
        // was accepted first (the map's order says nothing).
        if (c.phase == Phase::Reading &&
            (victim == nullptr || c.ready_since < victim->ready_since ||
             (c.ready_since == victim->ready_since && c.id < victim->id)))
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

void PollingHttpServer::Impl::bury() {
    for (const auto id : graveyard_)
        connections_.erase(id);
    graveyard_.clear();
}

}  // namespace host_sim
