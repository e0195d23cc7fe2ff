#pragma once
// The pieces of jodo-chaos (chaos/ChaosRun.cpp runs them): the generated
// invoices and scratch databases, the collect worker processes, the recording
// webhook endpoint and Jodo's view of its orders.

#include <sys/types.h>
#include <sys/wait.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/JSON/Parser.h>

#include "chaos/InvariantChecker.hpp"
#include "erp_plugin/plugin.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"

namespace chaos::parts {

namespace fs = std::filesystem;

inline const char* kCrashPoint = "collect.after_create";
inline const char* kPrefix = "CHAOS-";

struct GeneratedInvoices {
    std::vector<host_sim::SampleInvoice> invoices;
    int invalid = 0;
};
GeneratedInvoices generate_invoices(int count, std::uint64_t seed);
// "Driver=...;Database=erp;..." with Database replaced (or added).
std::string with_database(const std::string& connection, const std::string& database);
void run_admin_sql(const std::string& connection, const std::string& sql);

struct Worker {
    std::string name;
    pid_t pid = -1;
    fs::path log;
    bool crash_point = false;  // started with JODO_CRASH_AT
    bool killed_by_run = false;
    bool done = false;
    int wait_status = 0;

    bool killed() const { return WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL; }
};
Worker spawn_worker(const std::string& name, const fs::path& binary, const fs::path& config,
                    const fs::path& log, const std::string& crash_at);
bool reap(Worker& w, bool block);
std::string describe_exit(const Worker& w);
// "key: value" lines a worker printed.
std::map<std::string, std::string> read_outputs(const fs::path& log);
long as_long(const std::map<std::string, std::string>& m, const std::string& key);

erp_plugin::ActionResult batch(erp_plugin::Plugin& plugin, const std::string& action);
std::vector<JodoOrderView> jodo_view(const jodo::sandbox::JodoSandbox& sandbox);
// Stored webhook events not yet finished (pending, or held by a worker).
int open_inbox_events(const std::string& connection);

// ---------------------------------------------------------------- webhooks

// Sits between the host's HTTP endpoint and the plugin and notes the order in
// which webhook events arrive (the sandbox's log has the order they were sent).
class RecordingPlugin final : public erp_plugin::Plugin {
  public:
    explicit RecordingPlugin(host_sim::PluginPtr inner) : inner_(std::move(inner)) {}

    erp_plugin::PluginInfo info() const noexcept override { return inner_->info(); }
    erp_plugin::Status start(erp_plugin::HostServices& host) noexcept override {
        return inner_->start(host);
    }
    void stop() noexcept override {}  // the PluginHost owns the plugin's life
    std::vector<erp_plugin::ActionInfo> actions() const noexcept override {
        return inner_->actions();
    }
    erp_plugin::ActionResult run_action(const erp_plugin::ActionRequest& r) noexcept override {
        return inner_->run_action(r);
    }
    std::vector<std::string> http_routes() const noexcept override { return inner_->http_routes(); }
    erp_plugin::HttpResponse handle_http(const erp_plugin::HttpRequest& request) noexcept override {
        std::string event_id;
        try {
            Poco::JSON::Parser parser;
            auto object = parser.parse(request.body).extract<Poco::JSON::Object::Ptr>();
            event_id = object->optValue<std::string>("event_id", "");
        } catch (...) {
        }
        erp_plugin::HttpResponse response = inner_->handle_http(request);
        std::lock_guard<std::mutex> lock(mutex_);
        arrivals_.push_back({event_id, response.status});
        return response;
    }

    struct Arrival {
        std::string event_id;
        int status = 0;
    };
    std::vector<Arrival> arrivals() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return arrivals_;
    }

  private:
    host_sim::PluginPtr inner_;
    mutable std::mutex mutex_;
    std::vector<Arrival> arrivals_;
};

}  // namespace chaos::parts
