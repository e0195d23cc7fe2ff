// The invoice screen with a plugin that offers audit_log (or not): a test
// double of our own plugin interface, the reference ERP in a real SQLite
// database. The audit log's shape is the Jodo module's (jodo-plugin/README.md).
#include <gtest/gtest.h>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/screen/InvoiceScreen.hpp"
#include "support/TempDir.hpp"

namespace {

class AuditingPlugin final : public erp_plugin::Plugin {
  public:
    explicit AuditingPlugin(bool offers_audit) : offers_audit_(offers_audit) {}
    erp_plugin::PluginInfo info() const noexcept override { return {"jodo", "double", "0"}; }
    erp_plugin::Status start(erp_plugin::HostServices&) noexcept override { return {}; }
    void stop() noexcept override {}
    std::vector<erp_plugin::ActionInfo> actions() const noexcept override {
        std::vector<erp_plugin::ActionInfo> out = {{"refresh", "Refresh", "invoice"}};
        if (offers_audit_)
            out.push_back({"audit_log", "Audit log", "invoice"});
        return out;
    }
    erp_plugin::ActionResult run_action(const erp_plugin::ActionRequest& r) noexcept override {
        erp_plugin::ActionResult result;
        ++calls;
        if (r.action == "audit_log")
            result.outputs = {
                {"audit",
                 R"([{"at":"2026-12-01T10:00:00.000Z","direction":"out","endpoint":"POST /api/v1/integrations/pay/orders","event":"","invoice_id":"INV-A","collection_id":"c1","order_id":"order_1","http_status":200,"latency_ms":42,"error_code":"","attempt":1},)"
                 R"({"at":"2026-12-01T10:01:00.000Z","direction":"in","endpoint":"","event":"<script>x</script>","invoice_id":"INV-A","collection_id":"c1","order_id":"order_1","http_status":200,"latency_ms":3,"error_code":null,"attempt":1}])"}};
        return result;
    }
    std::vector<std::string> http_routes() const noexcept override { return {}; }
    erp_plugin::HttpResponse handle_http(const erp_plugin::HttpRequest&) noexcept override {
        return {404, "text/plain", ""};
    }
    int calls = 0;

  private:
    bool offers_audit_;
};

std::string page_of(bool offers_audit) {
    testing_support::TempDir dir;
    const std::string db =
        "Driver=SQLite3;Database=" + (dir.path() / "erp.db").string() + ";Timeout=10000;";
    {
        host_sim::ReferenceErp erp(db);
        erp.migrate();
        auto invoice = host_sim::ReferenceErp::sample_invoices().front();
        invoice.invoice_id = "INV-A";
        erp.add_invoice(invoice);
        // Sent to Jodo (as the module's write-back says), so Refresh applies.
        erp.session() << "UPDATE erp_invoices SET jodo_status = 'unpaid' WHERE invoice_id = "
                         "'INV-A'",
            Poco::Data::Keywords::now;
    }
    host_sim::SimHostServices services(
        db, {},
        std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>()));
    auto plugin = std::make_shared<AuditingPlugin>(offers_audit);
    host_sim::screen::InvoiceScreen screen(plugin, services, db);
    host_sim::screen::ScreenRequest request;
    request.method = "GET";
    request.path = "/erp/invoice";
    request.query = "id=INV-A";
    request.host = "localhost:8080";
    const auto response = screen.handle(request);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST(InvoiceScreenAudit, ShownPerInvoiceWhenThePluginOffersIt) {
    const std::string page = page_of(true);
    EXPECT_TRUE(contains(page, "<table id=\"audit\">")) << page;
    EXPECT_TRUE(contains(page, "<td>POST /api/v1/integrations/pay/orders</td>"));
    EXPECT_TRUE(contains(page, "<td>42</td>"));
    EXPECT_TRUE(contains(page, "&lt;script&gt;x&lt;/script&gt;"));
    EXPECT_FALSE(contains(page, "<script>x"));
    EXPECT_TRUE(contains(page, "id=\"action-refresh\""));
    EXPECT_FALSE(contains(page, "id=\"action-collect\"")) << "only the offered actions are buttons";
}

TEST(InvoiceScreenAudit, AbsentWhenThePluginHasNoAuditLog) {
    const std::string page = page_of(false);
    EXPECT_FALSE(contains(page, "Audit log")) << page;
    EXPECT_TRUE(contains(page, "<td id=\"payer\">Anita Sharma</td>"));
}
