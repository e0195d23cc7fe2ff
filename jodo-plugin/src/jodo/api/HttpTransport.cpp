#include "jodo/api/HttpTransport.hpp"

#include <algorithm>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include "jodo/api/JodoError.hpp"

namespace jodo {

namespace {
// What every session we make can do beyond Poco's: connect (and finish the TLS
// handshake) before the first request byte is written, so that a failure there
// is known to be "not sent" (Poco only connects inside sendRequest(), where the
// two cannot be told apart); and tell whether a kept-alive connection is still
// open before a request is written into it.
class KeptAlive {
  public:
    virtual ~KeptAlive() = default;
    virtual void open() = 0;
    // Open = connected, Poco's keep-alive time not run out (Poco would
    // otherwise dial again inside sendRequest, where a refused connection
    // would look "sent"), and nothing readable: between two requests the
    // server has nothing to say, so a readable socket is at EOF (the server
    // closed it), reset, or holds bytes that belong to no request.
    virtual bool still_open() = 0;
};

template <class Base>
class Session : public Base, public KeptAlive {
  public:
    using Base::Base;
    void open() override { this->reconnect(); }
    bool still_open() override {
        if (!this->connected() || this->mustReconnect())
            return false;
        try {
            return !this->socket().poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ |
                                                               Poco::Net::Socket::SELECT_ERROR);
        } catch (const Poco::Exception&) {
            return false;
        }
    }
};

using PlainSession = Session<Poco::Net::HTTPClientSession>;

class TlsSession final : public Session<Poco::Net::HTTPSClientSession> {
  public:
    using Session::Session;
    void open() override {
        reconnect();
        // A handshake the peer never answers (a silent server, or one that
        // speaks plain HTTP and waits for a request line) ends at the connect
        // timeout without an exception, and the request would then be written
        // into a connection that is not up: refuse it here instead.
        if (!Poco::Net::SecureStreamSocket(socket()).havePeerCertificate())
            throw TransportFailure("the TLS handshake with " + getHost() + ":" +
                                       std::to_string(getPort()) +
                                       " did not complete in time; nothing was sent (is it an "
                                       "https server?)",
                                   false, false);
    }
};

KeptAlive& kept_alive(Poco::Net::HTTPClientSession& session) {
    return dynamic_cast<KeptAlive&>(session);
}

// Until the next request is out: Poco measures keep-alive from the last
// request, and must not drop a connection we just checked (or a slow connect
// just made) and dial again inside sendRequest().
void hold_open(Poco::Net::HTTPClientSession& session) {
    session.setKeepAliveTimeout(Poco::Timespan(3600, 0));
}

void init_ssl_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        // Without an explicit handler Poco falls back to one that may ask on the
        // console; an untrusted certificate must simply fail the connection.
        Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject =
            new Poco::Net::RejectCertificateHandler(false);
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                   Poco::Net::Context::VERIFY_STRICT, 9, true);
        Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
    });
}
}  // namespace

bool is_loopback_host(const std::string& host) {
    // Decided on the parsed address, the same parse Poco uses when it connects:
    // a name that merely starts with "127." is a DNS name that may resolve
    // anywhere. Only "localhost" itself is taken by name.
    if (Poco::icompare(host, "localhost") == 0)
        return true;
    std::string literal = host;
    if (literal.size() > 2 && literal.front() == '[' && literal.back() == ']')
        literal = literal.substr(1, literal.size() - 2);
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(literal, address))
        return false;
    if (address.family() == Poco::Net::IPAddress::IPv4)
        return address.isLoopback();  // 127.0.0.0/8
    return address == Poco::Net::IPAddress("::1");
}

PocoHttpTransport::PocoHttpTransport(const JodoConfig& config) : config_(config) {
    Poco::URI uri;
    try {
        uri = Poco::URI(config.base_url);
    } catch (const Poco::Exception&) {
        throw JodoError(ErrorKind::config, 0, "", "jodo.base_url is not a URL");
    }
    scheme_ = uri.getScheme();
    host_ = uri.getHost();
    if (!uri.getUserInfo().empty())
        // Never echoed: it would be the key and secret.
        throw JodoError(ErrorKind::config, 0, "",
                        "jodo.base_url must not contain credentials; put them in jodo.api_key and "
                        "jodo.api_secret");
    port_ = uri.getPort();
    base_path_ = uri.getPath();
    while (!base_path_.empty() && base_path_.back() == '/')
        base_path_.pop_back();
    if (host_.empty())
        throw JodoError(ErrorKind::config, 0, "", "jodo.base_url has no host");
    if (scheme_ == "http") {
        if (!is_loopback_host(host_))
            throw JodoError(ErrorKind::config, 0, "",
                            "jodo.base_url uses plain http:// for " + host_ +
                                "; only the local sandbox (127.0.0.1/localhost) may use http, "
                                "Jodo itself needs https://");
    } else if (scheme_ != "https") {
        throw JodoError(
            ErrorKind::config, 0, "",
            "jodo.base_url must start with https:// (or http:// for the local sandbox)");
    }
}

PocoHttpTransport::~PocoHttpTransport() = default;

std::unique_ptr<Poco::Net::HTTPClientSession> PocoHttpTransport::open_session() {
    const Poco::Timespan connect_timeout(Poco::Timespan::TimeDiff(config_.connect_timeout_ms) *
                                         1000);
    const Poco::Timespan read_timeout(Poco::Timespan::TimeDiff(config_.read_timeout_ms) * 1000);
    auto prepare = [&](Poco::Net::HTTPClientSession& session) {
        session.setTimeout(connect_timeout, read_timeout, read_timeout);
        session.setKeepAlive(true);
        hold_open(session);
    };
    if (scheme_ == "https") {
        init_ssl_once();
        // Verification is always on: a custom CA file replaces the system store
        // (for a private CA or a test certificate), it never turns checks off.
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", config_.ca_file,
                                   Poco::Net::Context::VERIFY_STRICT, 9, config_.ca_file.empty());
        auto session = std::make_unique<TlsSession>(host_, port_, context);
        prepare(*session);
        {
            std::lock_guard<std::mutex> lock(idle_mutex_);
            ++opened_;
        }
        session->open();
        return session;
    }
    auto session = std::make_unique<PlainSession>(host_, port_);
    prepare(*session);
    {
        std::lock_guard<std::mutex> lock(idle_mutex_);
        ++opened_;
    }
    session->open();
    return session;
}

long PocoHttpTransport::connections_opened() const {
    std::lock_guard<std::mutex> lock(idle_mutex_);
    return opened_;
}

std::unique_ptr<Poco::Net::HTTPClientSession> PocoHttpTransport::take_open_idle() {
    for (;;) {
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        {
            std::lock_guard<std::mutex> lock(idle_mutex_);
            if (idle_.empty())
                return nullptr;
            // The most recently used first: the least likely to be closed.
            session = std::move(idle_.back());
            idle_.pop_back();
        }
        if (kept_alive(*session).still_open()) {
            hold_open(*session);
            return session;
        }
        // Closed by the server while idle (or expired): dropped, never written to.
    }
}

void PocoHttpTransport::give_back(std::unique_ptr<Poco::Net::HTTPClientSession> session) {
    // Shorter than common server idle timeouts (Poco's default is 8 s, many
    // servers close at 5 s), so a pooled connection is dropped by us first.
    session->setKeepAliveTimeout(Poco::Timespan(4, 0));
    std::lock_guard<std::mutex> lock(idle_mutex_);
    if (idle_.size() < static_cast<std::size_t>(std::max(config_.max_idle_connections, 0)))
        idle_.push_back(std::move(session));
}

HttpReply PocoHttpTransport::exchange(Poco::Net::HTTPClientSession& session,
                                      const std::string& method, const std::string& path,
                                      const std::string& body, bool& keep) {
    Poco::Net::HTTPRequest request(method, base_path_ + path, Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPBasicCredentials(config_.api_key, config_.api_secret).authenticate(request);
    request.setContentType("application/json");
    request.set("Accept", "application/json");
    request.setKeepAlive(true);
    if (!body.empty() || method == "POST")
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    std::ostream& out = session.sendRequest(request);
    out << body;
    out.flush();
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpReply reply;
    reply.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, reply.body);
    reply.retry_after = response.get("Retry-After", "");
    keep = response.getKeepAlive();
    return reply;
}

HttpReply PocoHttpTransport::send(const std::string& method, const std::string& path,
                                  const std::string& body, Repeatable repeatable) {
    (void)repeatable;  // every call may reuse a connection that is verifiably open
    // `sent` turns true once a request byte may have left: from then on a
    // failure may come after Jodo acted on the request. Before it (no
    // connection, no TLS handshake) nothing reached Jodo.
    bool sent = false;
    std::unique_ptr<Poco::Net::HTTPClientSession> session = take_open_idle();
    const bool reused = session != nullptr;
    auto broken = [&](const std::string& what, bool timed_out) {
        if (reused) {
            std::lock_guard<std::mutex> lock(idle_mutex_);
            idle_.clear();
        }
        return TransportFailure(what, sent, timed_out, reused);
    };
    try {
        if (!session)
            session = open_session();
        sent = true;
        bool keep = false;
        HttpReply reply = exchange(*session, method, path, body, keep);
        if (keep)
            give_back(std::move(session));
        return reply;
    } catch (const Poco::Net::SSLException& e) {
        // Once the request is out, a TLS error is a connection lost mid-exchange (e.g.
        // closed without close_notify), not a certificate problem: the answer is lost.
        if (sent)
            throw broken("TLS connection to Jodo broke: " + e.displayText(), false);
        // Not transient: an untrusted or mismatched certificate, or a server
        // that does not speak TLS at all, stays so.
        throw JodoError(ErrorKind::config, 0, "",
                        "TLS connection to " + host_ + " failed (" + e.displayText() +
                            "); check that jodo.base_url is Jodo's https:// address, and if "
                            "Jodo's certificate is issued by a private CA, set jodo.ca_file");
    } catch (const Poco::TimeoutException& e) {
        throw broken("timed out talking to Jodo: " + e.displayText(), true);
    } catch (const Poco::Net::ConnectionRefusedException& e) {
        throw broken("Jodo refused the connection: " + e.displayText(), false);
    } catch (const Poco::Exception& e) {
        throw broken("network error talking to Jodo: " + e.displayText(), false);
    }
}

}  // namespace jodo
