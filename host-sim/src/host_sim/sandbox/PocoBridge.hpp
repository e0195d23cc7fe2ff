// Adapts Poco's HTTPServer to the Router: reads the whole request (so
// keep-alive connections stay in step), dispatches, writes the Reply.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "host_sim/sandbox/Router.hpp"

namespace jodo::sandbox {

class RouterHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit RouterHandlerFactory(Router& router);

    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

  private:
    Router& router_;
};

}  // namespace jodo::sandbox
