#include "http/GuardedHttpConnection.hpp"

#include <chrono>
#include <memory>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Timestamp.h>

namespace host_sim {

namespace {

class GuardedConnection final : public Poco::Net::TCPServerConnection {
  public:
    GuardedConnection(const Poco::Net::StreamSocket& socket,
                      Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, RequestBudget& budget)
        : TCPServerConnection(socket),
          params_(std::move(params)),
          handlers_(std::move(handlers)),
          budget_(budget) {}

    void run() override {
        RequestBudget::Watch watch(budget_, socket());
        // The session closes the socket when it goes: everything that needs
        // the socket happens inside its lifetime.
        Poco::Net::HTTPServerSession session(socket(), params_);
        while (!budget_.stopping() && session.hasMoreRequests()) {
            try {
                serve_one(session);
            } catch (const Poco::Net::NoMessageException&) {
                break;  // the peer closed a kept-alive connection, or sent nothing
            } catch (const Poco::Net::MessageException&) {
                refuse(session);  // a malformed request line or header
            } catch (const Poco::SyntaxException&) {
                refuse(session);  // a header value Poco cannot read (Content-Length)
            } catch (const Poco::Exception&) {
                break;  // the connection failed (reset, timeout, cut by the budget)
            }
        }
        close_gently();
    }

  private:
    void serve_one(Poco::Net::HTTPServerSession& session) {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params_);
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() &&
                              session.canKeepAlive());
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            handlers_->createRequestHandler(request));
        if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK)
            response.sendContinue();
        handler->handleRequest(request, response);
        session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() &&
                             session.canKeepAlive());
    }

    // 400 and the end of the connection: what follows a header that cannot
    // be read cannot be trusted to start a request.
    static void refuse(Poco::Net::HTTPServerSession& session) {
        Poco::Net::HTTPServerResponseImpl response(session);
        response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
        response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
        response.setKeepAlive(false);
        const std::string body =
            R"({"status":"error","message":"the request line or a header cannot be read"})";
        response.setContentType("application/json");
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
        session.setKeepAlive(false);
    }

    // Closing a socket while the peer's bytes (the rest of a refused body)
    // are unread makes the system send a reset, and a reset can make the peer
    // drop the answer it has not read yet. So: FIN first, then read and drop
    // what still comes, for a moment.
    void close_gently() {
        try {
            socket().shutdownSend();
            char sink[4096];
            std::size_t dropped = 0;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
            while (dropped < (1u << 20) && std::chrono::steady_clock::now() < deadline &&
                   socket().poll(Poco::Timespan(0, 200000), Poco::Net::Socket::SELECT_READ)) {
                const int n = socket().receiveBytes(sink, sizeof sink);
                if (n <= 0)
                    break;
                dropped += static_cast<std::size_t>(n);
            }
        } catch (const Poco::Exception&) {
            // Already shut down or reset: closing is all that is left.
        }
    }

    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    RequestBudget& budget_;
};

}  // namespace

Poco::Net::TCPServerConnection* GuardedConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
    return new GuardedConnection(socket, params_, handlers_, budget_);
}

}  // namespace host_sim
