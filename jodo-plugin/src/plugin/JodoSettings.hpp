#pragma once

#include <string>

#include "api/JodoConfig.hpp"
#include "collect/CollectService.hpp"
#include "erp/mapping/ErpMapping.hpp"
#include "erp_plugin/host_services.hpp"
#include "webhooks/WebhookVerifier.hpp"

namespace jodo {

// Every setting the plugin reads, in one place, with its default. The keys
// are documented in jodo-plugin/README.md.
struct JodoSettings {
    JodoConfig api;
    CollectSettings collect;
    WebhookSecurity webhook;
    ErpMappingConfig erp;
    std::string webhook_path = "/webhooks/jodo";
    int webhook_worker_interval_ms = 1000;  // 0 = no background worker (process on demand)
    int reconcile_interval_ms = 15000;      // 0 = no background reconciler (run on demand)
    int creating_grace_s = 300;             // see Reconciler

    // Reads from the host; throws std::invalid_argument naming the setting
    // that is missing or malformed.
    static JodoSettings from_host(const erp_plugin::HostServices& host);
};

// Where the client points when the administrator sets nothing: the local
// sandbox, never a real remote host.
inline const std::string kDefaultBaseUrl = "http://127.0.0.1:8089";

}  // namespace jodo
