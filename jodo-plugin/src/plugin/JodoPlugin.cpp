#include "plugin/JodoPlugin.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include "api/JodoClient.hpp"
#include "api/JodoError.hpp"
#include "collect/CollectService.hpp"
#include "erp/CollectionStore.hpp"
#include "erp/Database.hpp"
#include "plugin/JodoSettings.hpp"
#include "plugin/Log.hpp"
#include "sql/Dialect.hpp"

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
    host_ = &host;
    Log log(host_);
    try {
        const JodoSettings settings = JodoSettings::from_host(host);
        const std::string connection = host.database_connection_string();
        if (connection.empty())
            return Status::error(StatusCode::config, "the host gave no database connection string");
        db_ = std::make_unique<Database>(connection);
        db_->migrate_plugin_tables();
        auto* services = host_;
        store_ = std::make_unique<CollectionStore>(*db_, [services] {
            // Milliseconds: rows written in one second still sort in order.
            const Poco::Timestamp at(services->now_unix_millis() * 1000);
            return Poco::DateTimeFormatter::format(at, "%Y-%m-%dT%H:%M:%S.%iZ");
        });
        client_ = std::make_unique<JodoClient>(settings.api,
                                               std::make_unique<PocoHttpTransport>(settings.api));
        collect_ = std::make_unique<CollectService>(*db_, *store_, *client_, settings.collect, log);
        log.info("Jodo plugin started: Jodo at " + settings.api.base_url + ", database " +
                 erp_sql::redact_connection_string(connection));
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
    } catch (const std::exception& e) {
        stop();
        return Status::error(StatusCode::internal, e.what());
    }
}

void JodoPlugin::stop() noexcept {
    collect_.reset();
    client_.reset();
    store_.reset();
    db_.reset();
}

std::vector<erp_plugin::ActionInfo> JodoPlugin::actions() const noexcept {
    return {{"collect", "Collect with Jodo", "invoice"},
            {"refresh", "Refresh Jodo status", "invoice"}};
}

ActionResult JodoPlugin::run_action(const erp_plugin::ActionRequest& request) noexcept {
    ActionResult result;
    try {
        if (!collect_) {
            result.status = Status::error(StatusCode::config, "the Jodo plugin is not started");
            return result;
        }
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
        if (request.action == "refresh")
            return collect_->refresh(request.record_id);
        result.status =
            Status::error(StatusCode::unsupported, "unknown action \"" + request.action + "\"");
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

std::vector<std::string> JodoPlugin::http_routes() const noexcept {
    return {};
}

erp_plugin::HttpResponse JodoPlugin::handle_http(const erp_plugin::HttpRequest&) noexcept {
    return {404, "application/json", R"({"status":"error","message":"no such route"})"};
}

}  // namespace jodo
