// Test and demo controls under /_sandbox/: pay, settle or expire an order as
// if the payer or the bank had acted. Loopback callers only, no credentials.
#pragma once

#include "host_sim/sandbox/HttpMessage.hpp"
#include "host_sim/sandbox/SandboxState.hpp"

namespace jodo::sandbox {

class SandboxControls {
  public:
    explicit SandboxControls(SandboxState& state);

    // POST /_sandbox/orders/<id>/{pay|settle|expire}
    // GET, POST, DELETE /_sandbox/faults (FaultInjector.hpp)
    // (and the webhook controls of WebhookControls.hpp, the student controls of
    // StudentControls.hpp)
    Reply handle(const Request& request);

  private:
    SandboxState& state_;
};

}  // namespace jodo::sandbox
