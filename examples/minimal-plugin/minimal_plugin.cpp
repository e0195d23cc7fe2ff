// The smallest ERP plugin: one action, `collect`, that answers with a greeting
// from the host's settings (minimal.greeting). Everything a plugin must do is
// here: noexcept calls that report through Status, nothing thrown across.
#include "erp_plugin/export.hpp"

namespace {

class MinimalPlugin final : public erp_plugin::Plugin {
  public:
    erp_plugin::PluginInfo info() const noexcept override {
        return {"minimal", "Minimal example plugin", "1.0.0"};
    }
    erp_plugin::Status start(erp_plugin::HostServices& host) noexcept override {
        host_ = &host;
        return {};
    }
    void stop() noexcept override { host_ = nullptr; }  // also after a failed start
    std::vector<erp_plugin::ActionInfo> actions() const noexcept override {
        return {{"collect", "Say hello", "invoice"}};
    }
    // May run on several host threads at once: it only reads.
    erp_plugin::ActionResult run_action(
        const erp_plugin::ActionRequest& request) noexcept override {
        using erp_plugin::Status;
        using erp_plugin::StatusCode;
        try {
            if (request.action != "collect")
                return {Status::error(StatusCode::unsupported, "no action " + request.action), {}};
            if (host_ == nullptr)
                return {Status::error(StatusCode::internal, "the plugin was not started"), {}};
            const std::string greeting = host_->setting("minimal.greeting", "Hello");
            host_->log(erp_plugin::LogLevel::info, "collect " + request.record_id);
            return {Status::success(), {{"message", greeting + ", " + request.record_id}}};
        } catch (...) {  // std::bad_alloc: nothing may leave a noexcept call
            return {Status::error(StatusCode::internal, "out of memory"), {}};
        }
    }
    std::vector<std::string> http_routes() const noexcept override { return {}; }
    erp_plugin::HttpResponse handle_http(const erp_plugin::HttpRequest&) noexcept override {
        return {404, "text/plain", "not found"};
    }

  private:
    erp_plugin::HostServices* host_ = nullptr;
};

// Throwing here is fine: the host is told the text (the table's failure text).
erp_plugin::Plugin* create_minimal_plugin() {
    return new MinimalPlugin();
}

}  // namespace

ERP_PLUGIN_DEFINE(create_minimal_plugin)
