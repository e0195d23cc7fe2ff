// The hosted checkout the payer's browser sees at redirect_url: GET /p/<id>
// shows the school, invoice, student, lines and total; POST /p/<id>/pay pays
// it, /fail and /abandon leave it unpaid (a declined card, a payer who gave
// up). Each then returns the browser to the order's callback_url with
// order_id and status (paid, failed, abandoned) in the query, or shows a page
// when the order has none. No authentication, like the real hosted page.
#pragma once

#include <string>

#include "host_sim/sandbox/HttpMessage.hpp"
#include "host_sim/sandbox/OrderRecord.hpp"
#include "host_sim/sandbox/SandboxState.hpp"

namespace jodo::sandbox {

class CheckoutPage {
  public:
    CheckoutPage(SandboxState& state, std::string merchant_name);

    Reply handle(const Request& request);  // request.path starts with /p/

  private:
    Reply show(const std::string& order_id);
    Reply pay(const std::string& order_id);
    Reply leave_unpaid(const std::string& order_id, const std::string& outcome);

    SandboxState& state_;
    std::string merchant_name_;
};

// The page for one order; every caller-supplied text is HTML-escaped.
std::string render_checkout(const OrderRecord& record, const std::string& merchant_name);

// callback_url with order_id and status added to its query.
std::string return_url(const std::string& callback_url, const std::string& order_id,
                       const std::string& status);

}  // namespace jodo::sandbox
