#pragma once

#include <string>
#include <vector>

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "host_sim/loader/PluginLoader.hpp"

namespace host_sim {

struct PluginRoute {
    std::string prefix;
    PluginPtr plugin;
};

// Hands each request whose path a plugin claimed to that plugin as plain
// data (method, path, headers, peer address, raw body) and sends its answer
// back; 404 for any other path. A body is handed over only when it arrived
// whole and as announced: a Content-Length the body does not reach, a
// chunked body cut off by the connection closing, an unreadable length or
// transfer coding are answered 400 and never reach a plugin.
// A path no plugin claimed goes to `others` (the invoice screen) when it
// gives a handler for it.
class PluginRequestHandlers final : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit PluginRequestHandlers(std::vector<PluginRoute> routes,
                                   Poco::Net::HTTPRequestHandlerFactory::Ptr others = nullptr)
        : routes_(std::move(routes)), others_(std::move(others)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

  private:
    std::vector<PluginRoute> routes_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr others_;
};

// The reason phrase for a status (Poco's, or the class of the status when
// Poco has none), so that no answer says "401 OK".
std::string reason_phrase(int status);

}  // namespace host_sim
