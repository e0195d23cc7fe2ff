#include "jodo/plugin/JodoPlugin.hpp"

#include <cctype>
#include <chrono>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/Migrator.hpp"
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
#include "jodo/erp/StudentStore.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "jodo/plugin/JodoSettings.hpp"
#include "jodo/plugin/SettingsCatalog.hpp"
#include "jodo/reconcile/Reconciler.hpp"
#include "jodo/students/CounterPayments.hpp"
#include "jodo/students/StudentPayments.hpp"
#include "jodo/students/StudentSync.hpp"
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

namespace {
// The Database= of an ODBC connection string (a SQLite file, a server's
// database), else the whole string without its password.
std::string database_name(const std::string& connection) {
    std::string lower = connection;
    for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = lower.find("database=");
    if (at == std::string::npos || (at > 0 && lower[at - 1] != ';' && lower[at - 1] != ' '))
        return erp_sql::redact_connection_string(connection);
    const auto start = at + 9;
    return connection.substr(start, connection.find(';', start) - start);
}
}  // namespace

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
        // First, before the ERP's own tables are read: a database that is
        // not the ERP's at all is named for what the module lacks in it.
        if (const auto missing =
                settings.migrate_tables ? std::vector<int>() : db_->missing_plugin_migrations();
            !missing.empty()) {
            // jodo.database.migrate = no (host-sim check): a database that is
            // not the module's stays as it is, and the administrator learns
            // which one it was.
            const bool none =
                missing.size() == erp_sql::migrations_for(db_->dialect(), "jodo").size();
            stop();
            return Status::error(
                StatusCode::config,
                std::string(none ? "the module's tables are missing in "
                                 : "the module's tables are behind this version in ") +
                    database_name(connection) + ": run host-sim init (or start the service once)");
        }
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
        if (settings.migrate_tables)
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
        students_store_ = std::make_unique<StudentStore>(
            *db_, [clock] { return clock.now_iso(); }, mapping_.get());
        const StudentContext students{*db_,
                                      *mapping_,
                                      *students_store_,
                                      *client_,
                                      clock,
                                      log,
                                      std::int64_t(settings.creating_grace_s) * 1000};
        student_sync_ =
            std::make_unique<StudentSync>(students, settings.collect.bulk_stop_after_unavailable);
        student_payments_ = std::make_unique<StudentPayments>(students);
        counter_payments_ = std::make_unique<CounterPayments>(students);
        events_->set_student_handler(
            [this](const std::string& jodo_student_id, const std::string& payment_id) {
                return student_payments_->on_event(jodo_student_id, payment_id);
            });
        students_interval_ms_ = std::int64_t(settings.students_interval_s) * 1000;
        next_student_round_ms_ = 0;
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
                [this] {
                    reconciler_->run_once(&stopping_);
                    student_round();
                },
                report);

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

void JodoPlugin::student_round() {
    if (students_interval_ms_ <= 0 || !mapping_->has("student"))
        return;
    const std::int64_t now = host_->now_unix_millis();
    if (now < next_student_round_ms_)
        return;
    next_student_round_ms_ = now + students_interval_ms_;
    if (mapping_->has("counter_payments"))
        counter_payments_->push({});
    student_payments_->pull_all(&stopping_);
}

void JodoPlugin::stop() noexcept {
    stopping_ = true;  // background batches end after their current item
    // Threads first: they use everything below.
    reconcile_loop_.reset();
    event_loop_.reset();
    receiver_.reset();
    reconciler_.reset();
    events_.reset();
    counter_payments_.reset();
    student_payments_.reset();
    student_sync_.reset();
    students_store_.reset();
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
        std::string refusal;
        auto response = receiver_->handle(request, &refusal);
        try {
            audit_->record(webhook_audit_record(
                request, response.status,
                static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - started)
                                      .count()),
                refusal));
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
