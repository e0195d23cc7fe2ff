#pragma once

#include <string>

#include "erp_plugin/host_services.hpp"
#include "jodo/api/JodoConfig.hpp"
#include "jodo/collect/CollectService.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"

namespace jodo {

// Every setting the plugin reads, as read (declared, with defaults and
// ranges, in SettingsCatalog; documented in jodo-plugin/README.md). Where
// nothing is set, the client points at the local sandbox, never a remote host.
struct JodoSettings {
    JodoConfig api;
    CollectSettings collect;
    CheckSchedule checks;
    WebhookSecurity webhook;
    ErpMappingConfig erp;
    int audit_retention_days = 90;
    std::string webhook_path = "/webhooks/jodo";
    int webhook_worker_interval_ms = 1000;
    int webhook_body_retention_days = 30;  // 0 = no background worker (process on demand)
    int reconcile_interval_ms = 15000;     // 0 = no background reconciler (run on demand)
    int reconcile_concurrency = 32;        // collections checked at once
    int creating_grace_s = 300;            // see Reconciler
    int students_interval_s = 300;         // 0 = student work only on its actions
    bool migrate_tables = true;            // false: start verifies the jodo_* tables only

    // Reads from the host; throws std::invalid_argument naming the setting
    // that is missing or malformed.
    static JodoSettings from_host(const erp_plugin::HostServices& host);
};

}  // namespace jodo
