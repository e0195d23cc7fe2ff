#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "erp_plugin/plugin.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"

namespace jodo {

class Database;
class ErpMapping;
class CollectionStore;
class JodoClient;
class CollectService;
class CollectionSync;
class WebhookInbox;
class WebhookReceiver;
class EventProcessor;
class Reconciler;
class BackgroundLoop;
class AuditLog;
class AuditWriter;
class StudentStore;
class StudentSync;
class StudentPayments;
class CounterPayments;
struct WebhookHealth;

// The Jodo module as a host sees it. Every entry point catches everything:
// no exception leaves the plugin.
class JodoPlugin final : public erp_plugin::Plugin {
  public:
    JodoPlugin();
    ~JodoPlugin() override;

    erp_plugin::PluginInfo info() const noexcept override;
    erp_plugin::Status start(erp_plugin::HostServices& host) noexcept override;
    void stop() noexcept override;
    std::vector<erp_plugin::ActionInfo> actions() const noexcept override;
    erp_plugin::ActionResult run_action(const erp_plugin::ActionRequest& request) noexcept override;
    std::vector<std::string> http_routes() const noexcept override;
    erp_plugin::HttpResponse handle_http(const erp_plugin::HttpRequest& request) noexcept override;
    std::vector<erp_plugin::SettingInfo> settings() const noexcept override;

  private:
    // One row per action: listed by actions(), dispatched by run_action()
    // (jodo/plugin/PluginActions.cpp).
    struct Action {
        const char* name;
        const char* label;
        const char* record_type;  // "invoice", "student" or "batch"
        erp_plugin::ActionResult (*run)(JodoPlugin&, const erp_plugin::ActionRequest&);
    };
    static const std::vector<Action>& action_table();
    erp_plugin::ActionResult readiness_check();
    erp_plugin::ActionResult webhook_health();
    WebhookHealth recent_webhook_health();
    erp_plugin::ActionResult audit_log(const std::string& invoice_id);
    // The background loop's student work: counter receipts out, payments in.
    void student_round();
    std::int64_t students_interval_ms_ = 0;
    std::int64_t next_student_round_ms_ = 0;

    erp_plugin::HostServices* host_ = nullptr;
    std::atomic<bool> stopping_{false};
    std::string webhook_path_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<ErpMapping> mapping_;
    std::unique_ptr<AuditLog> audit_log_;
    std::unique_ptr<AuditWriter> audit_;
    WebhookSecurity webhook_security_;
    std::string base_url_;
    std::unique_ptr<CollectionStore> store_;
    std::unique_ptr<JodoClient> client_;
    std::unique_ptr<CollectionSync> sync_;
    std::unique_ptr<CollectService> collect_;
    std::unique_ptr<WebhookInbox> inbox_;
    std::unique_ptr<EventProcessor> events_;
    std::unique_ptr<WebhookReceiver> receiver_;
    std::unique_ptr<Reconciler> reconciler_;
    std::unique_ptr<StudentStore> students_store_;
    std::unique_ptr<StudentSync> student_sync_;
    std::unique_ptr<StudentPayments> student_payments_;
    std::unique_ptr<CounterPayments> counter_payments_;
    std::unique_ptr<BackgroundLoop> event_loop_;
    std::unique_ptr<BackgroundLoop> reconcile_loop_;
};

}  // namespace jodo
