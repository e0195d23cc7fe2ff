#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <spdlog/logger.h>

#include "erp/ReferenceErp.hpp"
#include "host/PluginHost.hpp"
#include "host/SimHostServices.hpp"
#include "sandbox/JodoSandbox.hpp"

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
    std::vector<std::string> utrs;  // per line, empty when unsettled
};

// A sandbox, the reference ERP in the given database, and host-sim with the
// built Jodo module loaded from the plugin directory.
class LifecycleHarness {
  public:
    explicit LifecycleHarness(const std::string& connection_string,
                              const std::string& plugin_secret = "test_secret");
    ~LifecycleHarness();

    // Adds an invoice with this test's prefix; returns its id.
    std::string add_invoice(host_sim::SampleInvoice invoice);
    static host_sim::SampleInvoice sample(const std::string& id);

    erp_plugin::ActionResult collect(const std::string& invoice_id);
    erp_plugin::ActionResult refresh(const std::string& invoice_id);

    std::vector<StoredCollection> collections(const std::string& invoice_id);  // newest first
    std::vector<std::string> invoice_line_amounts(const std::string& invoice_id);

    jodo::sandbox::JodoSandbox& sandbox() { return *sandbox_; }
    host_sim::ReferenceErp& erp() { return *erp_; }
    const std::string& plugin_start_error() const { return start_error_; }

  private:
    std::string prefix_;
    std::unique_ptr<jodo::sandbox::JodoSandbox> sandbox_;
    std::unique_ptr<host_sim::ReferenceErp> erp_;
    std::shared_ptr<spdlog::logger> logger_;
    std::unique_ptr<host_sim::SimHostServices> services_;
    std::unique_ptr<host_sim::PluginHost> host_;
    std::string start_error_;
};

std::string output(const erp_plugin::ActionResult& result, const std::string& key);

}  // namespace acceptance
