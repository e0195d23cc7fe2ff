// The documented Jodo Pay API under /api/: create and get Pay Orders, create,
// get and cancel payment links, and the student APIs (StudentApi.hpp).
#pragma once

#include <string>
#include <vector>

#include "host_sim/sandbox/BasicAuth.hpp"
#include "host_sim/sandbox/HttpMessage.hpp"
#include "host_sim/sandbox/SandboxState.hpp"

namespace jodo::sandbox {

class ApiHandlers {
  public:
    ApiHandlers(SandboxState& state, BasicAuth auth, std::string base_url);

    // The one door every /api/ request passes through, in this order: count it,
    // fault injection (FaultInjector.hpp, before anything else can answer),
    // authenticate, route.
    Reply handle(const Request& request);

  private:
    Reply answer(const Request& request);  // authenticate, route
    Reply route(const Request& request, const std::vector<std::string>& segments);
    Reply create(const Request& request, const std::string& kind);
    Reply get(const std::string& order_id, bool payment_link_route);
    Reply cancel(const std::string& order_id);
    std::string redirect_url(const std::string& order_id, const std::string& callback_url) const;

    SandboxState& state_;
    BasicAuth auth_;
    std::string base_url_;
};

}  // namespace jodo::sandbox
