// Sending an answer out, and closing: gently after a refusal (so that the
// answer is not lost to a TCP reset), or at once.

#include "host_sim/http/PollingHttpServerImpl.hpp"

#include <sys/socket.h>

#include <Poco/Exception.h>

namespace host_sim {

using namespace polling_http;

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

}  // namespace host_sim
