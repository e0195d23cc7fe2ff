// Webhook health on the administrator's screen (issue 23, point 5; ids from
// the shared UI contract): when Jodo's last delivery was accepted, and how
// many were refused in the last 24 hours, by reason, with the same one-line
// advice `host-sim check` prints (the plugin's webhook_health action).
//
//   GET /erp/webhooks
#pragma once

#include "erp_plugin/plugin.hpp"
#include "host_sim/screen/Pages.hpp"
#include "host_sim/screen/ScreenHttp.hpp"

namespace host_sim::screen {

ScreenResponse webhook_health_screen(erp_plugin::Plugin& plugin, const PageContext& context);

}  // namespace host_sim::screen
