#include "host_sim/sandbox/Router.hpp"

#include <spdlog/spdlog.h>

namespace jodo::sandbox {

namespace {
bool starts_with(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}
}  // namespace

Router::Router(SandboxState& state, BasicAuth auth, std::string base_url, std::string merchant_name)
    : api_(state, std::move(auth), std::move(base_url)),
      checkout_(state, std::move(merchant_name)),
      controls_(state) {}

Reply Router::dispatch(const Request& request) {
    try {
        if (request.path == "/api" || starts_with(request.path, "/api/"))
            return api_.handle(request);
        if (starts_with(request.path, "/p/"))
            return checkout_.handle(request);
        if (starts_with(request.path, "/_sandbox/"))
            return controls_.handle(request);
        return error_reply(404, kCodeNotFound, "resource " + request.path + " was not found");
    } catch (const std::exception& e) {
        spdlog::error("jodo sandbox: {} {} failed: {}", request.method, request.path, e.what());
        return error_reply(500, "HUE00500", "internal sandbox error");
    }
}

}  // namespace jodo::sandbox
