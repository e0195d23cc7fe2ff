#include "host_sim/sandbox/PocoBridge.hpp"

#include <pthread.h>
#include <signal.h>

#include <ctime>
#include <stdexcept>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureStreamSocketImpl.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <spdlog/spdlog.h>

namespace jodo::sandbox {

namespace {

// Closes `socket` with SIGPIPE blocked in this thread, then discards a SIGPIPE
// the close raised: closing a TLS socket whose TCP side is already shut down
// makes OpenSSL's close_notify write fail with EPIPE.
void close_without_sigpipe(Poco::Net::StreamSocket& socket) {
    sigset_t pipe_only;
    sigset_t previous;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &previous);
    try {
        socket.close();
    } catch (const Poco::Exception& e) {
        spdlog::debug("jodo sandbox: closing a dropped connection: {}", e.displayText());
    }
    const timespec no_wait{0, 0};
    while (sigtimedwait(&pipe_only, nullptr, &no_wait) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

// Fault injection (drop_before / drop_after_commit): no status line, no headers,
// just an aborted connection. The socket is taken away from Poco's session so
// HTTPServerConnection cannot send its own 500 and does not read another request.
// Over TLS the TCP connection is shut down first, so no close_notify alert is sent
// (as when a server or proxy dies); SO_LINGER 0 then makes close() send a RST.
void abort_connection(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) {
    out.setKeepAlive(false);
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&in);
    if (impl == nullptr)
        throw std::logic_error("jodo sandbox: cannot drop a connection it does not own");
    Poco::Net::StreamSocket socket = impl->detachSocket();
    try {
        if (auto* tls = dynamic_cast<Poco::Net::SecureStreamSocketImpl*>(socket.impl()))
            tls->abort();
        socket.setLinger(true, 0);
    } catch (const Poco::Exception& e) {
        spdlog::debug("jodo sandbox: aborting a dropped connection: {}", e.displayText());
    }
    close_without_sigpipe(socket);
}

class RouterHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit RouterHandler(Router& router) : router_(router) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        Request request;
        request.method = in.getMethod();
        const std::string& uri = in.getURI();
        const auto question = uri.find('?');
        request.path = uri.substr(0, question);
        if (question != std::string::npos)
            request.query = uri.substr(question + 1);
        request.authorization = in.get("Authorization", "");
        request.from_loopback = in.clientAddress().host().isLoopback();
        // RFC 7230 3.3.3: without Content-Length or chunked coding a request has no
        // body. (Poco 1.11 would otherwise read until the client closes.)
        if (in.hasContentLength() || in.getChunkedTransferEncoding())
            Poco::StreamCopier::copyToString(in.stream(), request.body);

        const Reply reply = router_.dispatch(request);
        if (reply.drop_connection) {
            spdlog::debug("jodo sandbox: {} {} -> connection dropped", request.method,
                          request.path);
            abort_connection(in, out);
            return;
        }
        // Method, path and status only: never headers, credentials or bodies.
        spdlog::debug("jodo sandbox: {} {} -> {}", request.method, request.path, reply.status);

        out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
        for (const auto& [name, value] : reply.headers)
            out.set(name, value);
        if (!reply.content_type.empty())
            out.setContentType(reply.content_type);
        out.setContentLength(static_cast<std::streamsize>(reply.body.size()));
        out.send() << reply.body;
    }

  private:
    Router& router_;
};

}  // namespace

RouterHandlerFactory::RouterHandlerFactory(Router& router) : router_(router) {}

Poco::Net::HTTPRequestHandler* RouterHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
    return new RouterHandler(router_);
}

}  // namespace jodo::sandbox
