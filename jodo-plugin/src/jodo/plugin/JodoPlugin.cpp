#include "jodo/plugin/JodoPlugin.hpp"

#include <chrono>

#include "erp_sql/Dialect.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/api/JodoError.hpp"
#include "jodo/audit/AuditWriter.hpp"
#include "jodo/audit/WebhookAudit.hpp"
#include "jodo/collect/CollectService.hpp"
#include "jodo/core/BackgroundLoop.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/core/RetentionSchedule.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "jodo/plugin/JodoSettings.hpp"
#include "jodo/plugin/ReadinessCheck.hpp"
#include "jodo/plugin/ScreenActions.hpp"
#include "jodo/plugin/SettingsCatalog.hpp"
#include "jodo/reconcile/Reconciler.hpp"
#include "jodo/webhooks/EventProcessor.hpp"
#include "jodo/webhooks/WebhookInbox.hpp"
#include "jodo/webhooks/WebhookReceiver.hpp"

#ifndef JODO_PLUGIN_VERSION
#define JODO_PLUGIN_VERSION "0.0.0"
#endif

namespace jodo {

using erp_plugin::ActionResult;
using erp_plugin::Status;
using erp_plugin::StatusCode;

JodoPlugin::JodoPlugin() = default;
JodoPlugin::~JodoPlugin() {
    stop();
}

erp_plugin::PluginInfo JodoPlugin::info() const noexcept {
    return {"jodo", "Jodo Pay connector", JODO_PLUGIN_VERSION};
}

Status JodoPlugin::start(erp_plugin::HostServices& host) noexcept {
    stopping_ = false;
    host_ = &host;
    Log log(host_);
    try {
        const JodoSettings settings = JodoSettings::from_host(host);
        const std::string connection = host.database_connection_string();
        if (connection.empty())
            return Status::error(StatusCode::config, "the host gave no database connection string");
        auto* services = host_;
        const Clock clock([services] { return services->now_unix_millis(); });

        // Sessions enough for every bulk worker, the webhook worker, the
        // reconciler's workers and the host's own threads.
        db_ = std::make_unique<Database>(
            connection, settings.collect.bulk_concurrency + settings.reconcile_concurrency + 16);
        {
            // The profile reads the layout this ERP release has; a wrong
            // table, column or placeholder stops the start, not the first
            // accountant's click.
            auto session = db_->session();
            mapping_ = std::make_unique<ErpMapping>(settings.erp, db_->dialect(),
                                                    DatabaseErpSchema(session));
            if (!mapping_->layout().empty())
                log.info("ERP profile " + mapping_->profile() + ": " + mapping_->layout());
        }
        db_->migrate_plugin_tables();
        {
            auto session = db_->session();
            mapping_->check(session);
        }
        store_ = std::make_unique<CollectionStore>(
            *db_, [clock] { return clock.now_iso(); }, mapping_.get());
        audit_log_ = std::make_unique<AuditLog>(*db_);
        audit_ =
            std::make_unique<AuditWriter>(*audit_log_, clock, log, settings.audit_retention_days);
        client_ = std::make_unique<JodoClient>(settings.api,
                                               std::make_unique<PocoHttpTransport>(settings.api));
        client_->set_audit_sink(audit_.get());
        sync_ = std::make_unique<CollectionSync>(*store_, *client_, settings.checks, clock, log);
        collect_ = std::make_unique<CollectService>(*db_, *mapping_, *store_, *client_, *sync_,
                                                    settings.collect, clock, log);
        inbox_ = std::make_unique<WebhookInbox>(*db_);
        events_ = std::make_unique<EventProcessor>(*inbox_, *store_, *sync_, clock, log);
        events_->set_body_retention_ms(
            RetentionSchedule::days_ms(settings.webhook_body_retention_days));
        reconciler_ = std::make_unique<Reconciler>(*store_, *sync_, clock, log,
                                                   std::int64_t(settings.creating_grace_s) * 1000,
                                                   settings.reconcile_concurrency);
        webhook_path_ = settings.webhook_path;
        webhook_security_ = settings.webhook;
        base_url_ = settings.api.base_url;

        auto report = [log](const char* what) {
            log.error(std::string("background work failed: ") + what);
        };
        if (settings.webhook_worker_interval_ms > 0)
            event_loop_ = std::make_unique<BackgroundLoop>(
                std::chrono::milliseconds(settings.webhook_worker_interval_ms),
                [this] { events_->process_pending(100, &stopping_); }, report);
        BackgroundLoop* wake = event_loop_.get();
        receiver_ =
            std::make_unique<WebhookReceiver>(settings.webhook, *inbox_, clock, log, [wake] {
                if (wake)
                    wake->wake();
            });
        if (settings.reconcile_interval_ms > 0)
            reconcile_loop_ = std::make_unique<BackgroundLoop>(
                std::chrono::milliseconds(settings.reconcile_interval_ms),
                [this] { reconciler_->run_once(&stopping_); }, report);

        if (!settings.webhook.anything_configured())
            log.warn(
                "webhook verification is off (no jodo.webhook.secret, header or allowed_ips): "
                "events are still "
                "verified by fetching the order from Jodo, but set a secret in production");
        log.info("Jodo plugin started: Jodo at " + settings.api.base_url + ", database " +
                 erp_sql::redact_connection_string(connection) + ", webhooks at " + webhook_path_);
        return Status::success();
    } catch (const JodoError& e) {
        stop();
        return Status::error(StatusCode::config, e.advice());
    } catch (const std::invalid_argument& e) {
        stop();
        return Status::error(StatusCode::config, e.what());
    } catch (const Poco::Exception& e) {
        stop();
        return Status::error(StatusCode::unavailable,
                             "cannot open the ERP database: " + e.displayText());
    } catch (const erp_sql::NativeError& e) {
        stop();
        return Status::error(StatusCode::unavailable,
                             std::string("cannot use the ERP database: ") + e.what());
    } catch (const std::exception& e) {
        stop();
        return Status::error(StatusCode::internal, e.what());
    }
}

void JodoPlugin::stop() noexcept {
    stopping_ = true;  // background batches end after their current item
    // Threads first: they use everything below.
    reconcile_loop_.reset();
    event_loop_.reset();
    receiver_.reset();
    reconciler_.reset();
    events_.reset();
    inbox_.reset();
    collect_.reset();
    sync_.reset();
    client_.reset();
    audit_.reset();  // writes what is queued
    audit_log_.reset();
    store_.reset();
    mapping_.reset();
    db_.reset();
}

std::vector<erp_plugin::ActionInfo> JodoPlugin::actions() const noexcept {
    return {{"collect", "Collect with Jodo", "invoice"},
            {"send_link", "Send Jodo payment link", "invoice"},
            {"cancel_link", "Cancel Jodo payment link", "invoice"},
            {"refresh", "Refresh Jodo status", "invoice"},
            {"release_unknown", "Release a Jodo request whose outcome is unknown", "invoice"},
            {"audit_log", "Jodo audit log", "invoice"},
            {"status", "Jodo collection and its lines, as stored (no call to Jodo)", "invoice"},
            {"review_queue", "Jodo collections a person must look at", "batch"},
            {"reconcile", "Check open Jodo orders now", "batch"},
            {"collect_all",
             "Collect every open invoice (optionally of one class or term) with Jodo", "batch"},
            {"process_webhooks", "Process received Jodo events now", "batch"},
            {"stats", "Jodo API calls made by this process", "batch"},
            {"check", "Check the configuration before going live", "batch"}};
}

ActionResult JodoPlugin::run_batch(const std::string& action,
                                   const erp_plugin::Fields& parameters) {
    ActionResult result;
    if (action == "reconcile") {
        const ReconcileReport r = reconciler_->run_once();
        result.outputs = {{"checked", std::to_string(r.checked)},
                          {"changed", std::to_string(r.changed)},
                          {"errors", std::to_string(r.errors)}};
    } else if (action == "collect_all") {
        return collect_->collect_all(
            parameters, [this](const erp_plugin::JobProgress& p) { host_->report_progress(p); });
    } else if (action == "check") {
        // The administrator's check before going live: per check an output
        // check.<name> = ok | failed and check.<name>.detail; an error status
        // when any failed.
        int failed = 0;
        for (const auto& line :
             run_readiness_check(*db_, *mapping_, *client_, webhook_security_, base_url_)) {
            result.outputs.emplace_back("check." + line.name, line.ok ? "ok" : "failed");
            result.outputs.emplace_back("check." + line.name + ".detail", line.detail);
            failed += line.ok ? 0 : 1;
        }
        if (failed > 0)
            result.status =
                Status::error(StatusCode::config, std::to_string(failed) + " check(s) failed");
    } else if (action == "review_queue") {
        return review_queue(*store_);
    } else if (action == "process_webhooks") {
        result.outputs = {{"processed", std::to_string(events_->process_pending(1000))}};
    } else if (action == "stats") {
        // This process's Jodo client since start: every HTTP attempt, and how
        // many of them were retries of a transient failure.
        const ClientStats s = client_->stats();
        result.outputs = {{"attempts", std::to_string(s.attempts)},
                          {"retries", std::to_string(s.retries)}};
    } else {
        result.status =
            Status::error(StatusCode::unsupported, "unknown batch action \"" + action + "\"");
    }
    return result;
}

ActionResult JodoPlugin::run_action(const erp_plugin::ActionRequest& request) noexcept {
    ActionResult result;
    try {
        if (!collect_) {
            result.status = Status::error(StatusCode::config, "the Jodo plugin is not started");
            return result;
        }
        if (request.record_type == "batch")
            return run_batch(request.action, request.parameters);
        if (request.record_type != "invoice") {
            result.status =
                Status::error(StatusCode::unsupported,
                              "record type " + request.record_type + " has no Jodo actions");
            return result;
        }
        if (request.record_id.empty()) {
            result.status = Status::error(StatusCode::invalid_input,
                                          "record_id (the invoice number) is missing");
            return result;
        }
        if (request.action == "collect")
            return collect_->collect(request.record_id);
        if (request.action == "send_link")
            return collect_->send_link(request.record_id);
        if (request.action == "cancel_link")
            return collect_->cancel_link(request.record_id);
        if (request.action == "refresh")
            return collect_->refresh(request.record_id);
        if (request.action == "release_unknown")
            return collect_->release_unknown(request.record_id);
        if (request.action == "audit_log")
            return audit_log(request.record_id);
        if (request.action == "status")
            return invoice_status(*store_, request.record_id);
        result.status =
            Status::error(StatusCode::unsupported, "unknown action \"" + request.action + "\"");
    } catch (const ErpMappingError& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status = Status::error(StatusCode::config, e.what());
    } catch (const erp_sql::NativeError& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status =
            Status::error(StatusCode::unavailable, std::string("the ERP database: ") + e.what());
    } catch (const JodoError& e) {
        Log(host_).warn("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status = Status::error(StatusCode::unavailable, e.advice());
    } catch (const Poco::Exception& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " +
                         e.displayText());
        result.status = Status::error(StatusCode::unavailable,
                                      "the ERP database is not available: " + e.displayText());
    } catch (const std::exception& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status = Status::error(StatusCode::internal, e.what());
    } catch (...) {
        result.status = Status::error(StatusCode::internal, "unexpected failure");
    }
    return result;
}

// The invoice's audit rows, newest first; what was recorded until now is
// written first, so the answer includes the action the accountant just ran.
ActionResult JodoPlugin::audit_log(const std::string& invoice_id) {
    constexpr int kMaxRows = 200;
    audit_->flush();
    ActionResult result;
    result.outputs = {{"audit", audit_rows_json(audit_log_->for_invoice(invoice_id, kMaxRows))}};
    return result;
}

std::vector<erp_plugin::SettingInfo> JodoPlugin::settings() const noexcept {
    try {
        return jodo_setting_catalog();
    } catch (...) {
        return {};
    }
}

std::vector<std::string> JodoPlugin::http_routes() const noexcept {
    try {
        return {webhook_path_.empty() ? std::string("/webhooks/jodo") : webhook_path_};
    } catch (...) {
        return {};
    }
}

erp_plugin::HttpResponse JodoPlugin::handle_http(const erp_plugin::HttpRequest& request) noexcept {
    try {
        if (!receiver_)
            return {503, "application/json", R"({"status":"error","message":"not started"})"};
        if (request.path != webhook_path_)
            return {404, "application/json", R"({"status":"error","message":"no such route"})"};
        const auto started = std::chrono::steady_clock::now();
        auto response = receiver_->handle(request);
        try {
            audit_->record(webhook_audit_record(
                request, response.status,
                static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - started)
                                      .count())));
        } catch (...) {
            // The answer stands (the event may be stored); only its audit row is lost.
        }
        return response;
    } catch (...) {
        return {503, "application/json",
                R"({"status":"error","message":"temporarily unavailable"})"};
    }
}

}  // namespace jodo
