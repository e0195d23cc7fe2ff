// The invoice screen on Poco's HTTP server: turns a request into a
// ScreenRequest (a form body of at most 64 KiB, whole, as announced) and
// sends the ScreenResponse back.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "host_sim/screen/InvoiceScreen.hpp"

namespace host_sim::screen {

class ScreenRequestHandlers final : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit ScreenRequestHandlers(InvoiceScreen& screen) : screen_(screen) {}
    // Null for a path the screen does not serve.
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

  private:
    InvoiceScreen& screen_;
};

}  // namespace host_sim::screen
