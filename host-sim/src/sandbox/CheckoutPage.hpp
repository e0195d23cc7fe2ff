// The hosted checkout the payer's browser sees at redirect_url: GET /p/<id>
// shows the order, POST /p/<id>/pay pays it. No authentication, like the real
// hosted page.
#pragma once

#include "sandbox/HttpMessage.hpp"
#include "sandbox/SandboxOrder.hpp"
#include "sandbox/SandboxState.hpp"

namespace jodo::sandbox {

class CheckoutPage {
  public:
    explicit CheckoutPage(SandboxState& state);

    Reply handle(const Request& request);  // request.path starts with /p/

  private:
    Reply show(const std::string& order_id);
    Reply pay(const std::string& order_id);

    SandboxState& state_;
};

// The page for one order; every caller-supplied text is HTML-escaped.
std::string render_checkout(const SandboxOrder& order);

}  // namespace jodo::sandbox
