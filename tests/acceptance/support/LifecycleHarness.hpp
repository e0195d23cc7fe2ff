#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <spdlog/logger.h>

#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"

namespace acceptance {

// One row of jodo_collections as a test reads it back with its own SQL.
struct StoredCollection {
    std::string status;
    int active = 0;
    std::string amount;
    std::string order_id;
    std::string redirect_url;
    std::string paid_at;
    std::string transaction_id;
    std::string error_code;
    std::string error_reason;
    std::string review_reason;
    std::vector<std::string> utrs;  // per line, empty when unsettled
};

struct HarnessOptions {
    std::string plugin_secret =
        "test_secret";  // what the plugin sends; the sandbox expects test_secret
    std::map<std::string, std::string> settings;  // extra or overriding plugin settings
    bool background = false;     // run the plugin's webhook worker and reconciler threads
    std::string webhook_secret;  // when set, the sandbox delivers signed webhooks to the host
};

// A sandbox, the reference ERP in the given database, and host-sim with the
// built Jodo module loaded from the plugin directory and its HTTP endpoint
// (webhooks) listening on 127.0.0.1.
class LifecycleHarness {
  public:
    explicit LifecycleHarness(const std::string& connection_string, HarnessOptions options = {});
    LifecycleHarness(const std::string& connection_string, const std::string& plugin_secret)
        : LifecycleHarness(connection_string, HarnessOptions{plugin_secret, {}, false, {}}) {}
    ~LifecycleHarness();

    // Adds an invoice with this test's prefix; returns its id.
    std::string add_invoice(host_sim::SampleInvoice invoice);
    static host_sim::SampleInvoice sample(const std::string& id);

    erp_plugin::ActionResult collect(const std::string& invoice_id);
    erp_plugin::ActionResult refresh(const std::string& invoice_id);
    erp_plugin::ActionResult action(const std::string& name, const std::string& invoice_id);
    erp_plugin::ActionResult student_action(const std::string& name, const std::string& student_id);
    erp_plugin::ActionResult batch(const std::string& name,
                                   const erp_plugin::Fields& parameters = {});

    // POSTs to the host's webhook endpoint over HTTP; returns the status code.
    int post_webhook(const std::string& body, const erp_plugin::Fields& headers,
                     std::string* answer = nullptr);
    std::string webhook_url() const;
    void advance_clock_s(long seconds);
    // Waits (polling the database) until the invoice's newest collection has
    // `status`, or `timeout_ms` passes; returns the last status seen.
    std::string wait_for_status(const std::string& invoice_id, const std::string& status,
                                int timeout_ms);
    struct InboxRow {
        std::string event_id, event, state, note;
    };
    // Inbox rows about one order (the database may be shared with other tests).
    std::vector<InboxRow> inbox(const std::string& order_id);
    // An order id no one else uses, for events about orders Jodo never made for us.
    std::string foreign_order_id(const std::string& name) const { return name + "_" + prefix_; }

    std::vector<StoredCollection> collections(const std::string& invoice_id);  // newest first
    std::vector<std::string> invoice_line_amounts(const std::string& invoice_id);

    jodo::sandbox::JodoSandbox& sandbox() { return *sandbox_; }
    host_sim::ReferenceErp& erp() { return *erp_; }
    host_sim::SimHostServices& services() { return *services_; }
    host_sim::PluginHost& host() { return *host_; }
    const std::string& plugin_start_error() const { return start_error_; }

  private:
    std::string prefix_;
    std::unique_ptr<jodo::sandbox::JodoSandbox> sandbox_;
    std::unique_ptr<host_sim::ReferenceErp> erp_;
    std::shared_ptr<spdlog::logger> logger_;
    std::unique_ptr<host_sim::SimHostServices> services_;
    std::unique_ptr<host_sim::PluginHost> host_;
    std::unique_ptr<host_sim::PluginHttpServer> http_;
    std::string start_error_;
};

std::string output(const erp_plugin::ActionResult& result, const std::string& key);

}  // namespace acceptance
