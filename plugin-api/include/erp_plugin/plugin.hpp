// The C++ face of a plugin (header-only, on each side of the boundary): a
// plugin author implements this class, and a host holds one (erp_plugin/loader.hpp).
// Only the C tables of erp_plugin.h cross between them; export.hpp and
// host_adapter.hpp translate, so these classes may change with no ABI break.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "erp_plugin/host_services.hpp"
#include "erp_plugin/status.hpp"

namespace erp_plugin {

using Fields = std::vector<std::pair<std::string, std::string>>;

inline const std::string* find_field(const Fields& fields, const std::string& name) noexcept {
    for (const auto& field : fields)
        if (field.first == name)
            return &field.second;
    return nullptr;
}

struct PluginInfo {
    std::string id;       // stable, lower-case, e.g. "jodo"
    std::string name;     // for people
    std::string version;  // the plugin's own version, not the interface's
};

// A button the plugin offers on a record screen of the host.
struct ActionInfo {
    std::string name;         // e.g. "collect"
    std::string label;        // e.g. "Collect with Jodo"
    std::string record_type;  // e.g. "invoice", or "batch" for whole-ledger jobs
};

struct ActionRequest {
    std::string action;
    std::string record_type;
    std::string record_id;  // the host's own key, e.g. the invoice number
    Fields parameters;
};

struct ActionResult {
    Status status;
    Fields outputs;  // e.g. {"redirect_url", ...}; keys are documented by each plugin
};

// An HTTP request the host received on a route the plugin claimed (webhooks).
struct HttpRequest {
    std::string method;
    std::string path;
    std::string source_address;  // peer IP as the host saw it
    Fields headers;              // names as received; compare case-insensitively
    std::string body;            // raw bytes, exactly as received
};

// One setting a plugin reads: what a host shows, validates
// before start() and never prints when `secret`.
struct SettingInfo {
    std::string key;   // full key, e.g. "jodo.connect_timeout_ms"
    std::string type;  // "text", "integer", "url", "secret", "list", "sql", "choice", "path"
    std::string default_value;  // as text; empty = none
    std::string allowed;        // "100..120000" for integers, "a|b|c" for choices, else empty
    bool secret = false;        // never printed or logged
    bool required = false;
    std::string help;  // one line for people
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
};

class Plugin {
  public:
    // On a host, the loader's object: its destructor calls the plugin's destroy,
    // so the plugin frees what it allocated, before the library is unloaded.
    virtual ~Plugin() = default;

    virtual PluginInfo info() const noexcept = 0;

    // `host` stays valid until stop() returns.
    virtual Status start(HostServices& host) noexcept = 0;
    virtual void stop() noexcept = 0;

    virtual std::vector<ActionInfo> actions() const noexcept = 0;
    virtual ActionResult run_action(const ActionRequest& request) noexcept = 0;

    // Path prefixes (e.g. "/webhooks/jodo") whose requests the host forwards.
    virtual std::vector<std::string> http_routes() const noexcept = 0;
    virtual HttpResponse handle_http(const HttpRequest& request) noexcept = 0;

    // Every setting the plugin reads.
    virtual std::vector<SettingInfo> settings() const noexcept { return {}; }
    // Settings that may be absent from settings() but are valid: keys that
    // start with one of these prefixes (e.g. "jodo.erp.").
    virtual std::vector<std::string> setting_prefixes() const noexcept { return {}; }
};

// What ERP_PLUGIN_DEFINE (export.hpp) calls; it may throw, and its text is then
// the host's refusal.
using PluginFactory = Plugin*();

}  // namespace erp_plugin
