// The webhook controls under /_sandbox/ (loopback callers only, checked by
// SandboxControls before it asks here):
//   POST /_sandbox/orders/<id>/events/<event>  emit any event with the order's state
//   GET  /_sandbox/webhooks                    the delivery log as JSON
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "host_sim/sandbox/HttpMessage.hpp"
#include "host_sim/sandbox/SandboxState.hpp"

namespace jodo::sandbox {

// A reply when `segments` (of request.path) name a webhook control; nullopt otherwise.
std::optional<Reply> handle_webhook_control(SandboxState& state, const Request& request,
                                            const std::vector<std::string>& segments);

}  // namespace jodo::sandbox
