// Sends each request to the part of the sandbox that owns its path:
// /api/ (the Jodo API), /p/ (hosted checkout), /_sandbox/ (test controls).
#pragma once

#include <string>

#include "host_sim/sandbox/ApiHandlers.hpp"
#include "host_sim/sandbox/CheckoutPage.hpp"
#include "host_sim/sandbox/SandboxControls.hpp"

namespace jodo::sandbox {

class Router {
  public:
    Router(SandboxState& state, BasicAuth auth, std::string base_url, std::string merchant_name);

    // Never throws: an unexpected exception becomes a 500 reply.
    Reply dispatch(const Request& request);

  private:
    ApiHandlers api_;
    CheckoutPage checkout_;
    SandboxControls controls_;
};

}  // namespace jodo::sandbox
