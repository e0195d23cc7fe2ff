#pragma once

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/JodoConfig.hpp"

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
class TransportFailure : public std::runtime_error {
  public:
    TransportFailure(const std::string& what, bool sent, bool timed_out)
        : std::runtime_error(what), sent_(sent), timed_out_(timed_out) {}
    bool sent() const noexcept { return sent_; }
    bool timed_out() const noexcept { return timed_out_; }

  private:
    bool sent_;
    bool timed_out_;
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

// Poco-backed transport. Keeps idle keep-alive connections for reuse by any
// thread; a request that must not be repeated (a create) always gets a fresh
// connection, so a stale pooled socket can never make its outcome ambiguous.
class PocoHttpTransport final : public HttpTransport {
  public:
    // Throws JodoError(config) for a malformed URL, or plain http to a host
    // that is not loopback.
    explicit PocoHttpTransport(const JodoConfig& config);
    ~PocoHttpTransport() override;

    HttpReply send(const std::string& method, const std::string& path, const std::string& body,
                   Repeatable repeatable) override;

  private:
    std::unique_ptr<Poco::Net::HTTPClientSession> open_session();
    std::unique_ptr<Poco::Net::HTTPClientSession> take_idle();
    void give_back(std::unique_ptr<Poco::Net::HTTPClientSession> session);

    JodoConfig config_;
    std::string scheme_;
    std::string host_;
    unsigned short port_ = 0;
    std::string base_path_;
    std::mutex idle_mutex_;
    std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle_;
};

// 127.0.0.0/8, ::1 (bare or in brackets) and the name "localhost"; nothing
// that only looks like them.
bool is_loopback_host(const std::string& host);

}  // namespace jodo
