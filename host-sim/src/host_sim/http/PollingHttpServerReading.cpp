// Reading a request into its connection's buffer, within the bounds on
// request bytes: each connection's own bytes, the shared pool, and parking
// the connections that must wait for room in it.

#include "host_sim/http/PollingHttpServerImpl.hpp"

#include <sys/socket.h>

#include <algorithm>

namespace host_sim {

using namespace polling_http;

namespace {

const char* const kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

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

}  // namespace host_sim
