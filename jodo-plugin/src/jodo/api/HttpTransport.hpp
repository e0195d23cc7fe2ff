#pragma once

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "jodo/api/JodoConfig.hpp"

namespace Poco::Net {
class HTTPClientSession;
}

namespace jodo {

struct HttpReply {
    int status = 0;
    std::string body;
    std::string retry_after;  // the Retry-After header, if any
};

// The exchange failed below HTTP. `sent` tells whether the request may have
// reached Jodo: that decides whether a create can safely be repeated.
// `reused`: it went out on a kept-alive connection, which the server may have
// closed just as the request was written.
class TransportFailure : public std::runtime_error {
  public:
    TransportFailure(const std::string& what, bool sent, bool timed_out, bool reused = false)
        : std::runtime_error(what), sent_(sent), timed_out_(timed_out), reused_(reused) {}
    bool sent() const noexcept { return sent_; }
    bool timed_out() const noexcept { return timed_out_; }
    bool on_reused_connection() const noexcept { return reused_; }

  private:
    bool sent_;
    bool timed_out_;
    bool reused_;
};

enum class Repeatable { yes, no };

// One HTTP exchange with Jodo: authentication, JSON headers, timeouts, TLS.
class HttpTransport {
  public:
    virtual ~HttpTransport() = default;
    // `path` is relative to the base URL. Throws TransportFailure.
    virtual HttpReply send(const std::string& method, const std::string& path,
                           const std::string& body, Repeatable repeatable) = 0;
};

// Poco-backed transport. Keeps idle keep-alive connections (up to
// config.max_idle_connections) for reuse by any thread, creates included: a
// pooled connection is used only when it is verifiably open just before the
// request (Poco's keep-alive time not run out, and a zero-timeout poll finds
// nothing readable: a socket readable between two requests is at EOF, reset, or
// holds bytes nobody asked for). A failure after a request byte may have left
// stays what it was (`sent`: a create's outcome is then unknown). When a
// reused connection fails, the idle ones are dropped too (a server that closed
// one has likely closed them all), so the caller's next try dials afresh.
class PocoHttpTransport final : public HttpTransport {
  public:
    // Throws JodoError(config) for a malformed URL, or plain http to a host
    // that is not loopback.
    explicit PocoHttpTransport(const JodoConfig& config);
    ~PocoHttpTransport() override;

    HttpReply send(const std::string& method, const std::string& path, const std::string& body,
                   Repeatable repeatable) override;

    // TCP connections this transport has opened (each TLS handshake is one).
    long connections_opened() const;

  private:
    std::unique_ptr<Poco::Net::HTTPClientSession> open_session();
    // An idle connection that is still open, or null; closed ones are dropped.
    std::unique_ptr<Poco::Net::HTTPClientSession> take_open_idle();
    void give_back(std::unique_ptr<Poco::Net::HTTPClientSession> session);
    HttpReply exchange(Poco::Net::HTTPClientSession& session, const std::string& method,
                       const std::string& path, const std::string& body, bool& keep);

    JodoConfig config_;
    std::string scheme_;
    std::string host_;
    unsigned short port_ = 0;
    std::string base_path_;
    mutable std::mutex idle_mutex_;
    std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle_;
    long opened_ = 0;  // under idle_mutex_
};

// 127.0.0.0/8, ::1 (bare or in brackets) and the name "localhost"; nothing
// that only looks like them.
bool is_loopback_host(const std::string& host);

}  // namespace jodo
