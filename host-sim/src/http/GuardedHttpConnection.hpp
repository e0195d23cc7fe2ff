#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "http/RequestBudget.hpp"

namespace host_sim {

// Makes the connections of the plugin HTTP server. Each runs Poco's HTTP
// connection loop (as Poco::Net::HTTPServerConnection does: Poco parses the
// requests, frames the bodies and writes the answers) with three changes:
// - the connection is watched by the request budget;
// - a request header Poco cannot read (Content-Length "abc", or beyond 64
//   bits) is answered 400: Poco's own loop lets it end the connection without
//   a word, which the sender cannot tell from a network failure;
// - the connection is closed gently (FIN, then what the peer still sends is
//   read and dropped for a moment), so that the answer to a refused body is
//   not lost to a TCP reset.
class GuardedConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
  public:
    GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                             Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                             RequestBudget& budget)
        : params_(std::move(params)), handlers_(std::move(handlers)), budget_(budget) {}

    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override;

  private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    RequestBudget& budget_;
};

}  // namespace host_sim
