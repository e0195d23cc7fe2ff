// Host side: a plugin's C table (ErpPluginTable) seen as the C++
// erp_plugin::Plugin a host calls. Owns the table (destroy in its destructor)
// and the host table the plugin was given. Header-only.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "erp_plugin/c_text.hpp"
#include "erp_plugin/erp_plugin.h"
#include "erp_plugin/host_side_services.hpp"
#include "erp_plugin/plugin.hpp"

namespace erp_plugin::host_side {

// A block the plugin returned, released with the plugin's own function.
template <class C>
class Returned {
  public:
    Returned(const ErpPluginTable* table, C* block) noexcept : table_(table), block_(block) {}
    ~Returned() {
        if (block_ != nullptr)
            table_->release(table_, block_);
    }
    Returned(const Returned&) = delete;
    Returned& operator=(const Returned&) = delete;
    const C* operator->() const noexcept { return block_; }
    explicit operator bool() const noexcept { return block_ != nullptr; }

  private:
    const ErpPluginTable* table_;
    C* block_;
};

inline const char* const no_answer = "the plugin returned no answer (it ran out of memory)";

class TablePlugin final : public Plugin {
  public:
    // `table` was returned by the plugin's entry point given `services`'s
    // table, and passed check_table (compatibility.hpp). Never throws, so the
    // table is always destroyed by this object once it is handed over.
    TablePlugin(std::unique_ptr<ServicesTable> services, ErpPluginTable* table) noexcept
        : services_(std::move(services)), table_(table) {
        try {
            info_ = {c_text::copy(table->id), c_text::copy(table->name),
                     c_text::copy(table->version)};
        } catch (...) {  // out of memory: the plugin is still usable, unnamed
        }
    }
    ~TablePlugin() override { table_->destroy(table_); }
    TablePlugin(const TablePlugin&) = delete;
    TablePlugin& operator=(const TablePlugin&) = delete;

    // The interface version the plugin was built for, e.g. "2.0".
    std::string interface_version() const {
        return std::to_string(table_->api_major) + "." + std::to_string(table_->api_minor);
    }

    PluginInfo info() const noexcept override { return info_; }

    Status start(HostServices& host) noexcept override {
        services_->attach(&host);
        try {
            Returned<ErpStatus> s(table_, table_->start(table_));
            if (!s)
                return {StatusCode::internal, no_answer};
            return {c_text::status_code(s->code), c_text::copy(s->message)};
        } catch (...) {
            return {StatusCode::internal, "out of memory"};
        }
    }

    void stop() noexcept override {
        table_->stop(table_);
        services_->attach(nullptr);  // the plugin calls nothing after stop()
    }

    std::vector<ActionInfo> actions() const noexcept override {
        std::vector<ActionInfo> out;
        try {
            Returned<ErpActionList> list(table_, table_->actions(table_));
            for (std::size_t i = 0; list && i < list->count; ++i)
                out.push_back({c_text::copy(list->items[i].name),
                               c_text::copy(list->items[i].label),
                               c_text::copy(list->items[i].record_type)});
        } catch (...) {
            out.clear();
        }
        return out;
    }

    ActionResult run_action(const ActionRequest& request) noexcept override {
        try {
            const std::vector<ErpField> parameters = c_text::view(request.parameters);
            const ErpActionRequest c{sizeof(ErpActionRequest),
                                     c_text::view(request.action),
                                     c_text::view(request.record_type),
                                     c_text::view(request.record_id),
                                     parameters.data(),
                                     parameters.size()};
            Returned<ErpActionResult> r(table_, table_->run_action(table_, &c));
            ActionResult out;
            if (!r) {
                out.status = {StatusCode::internal, no_answer};
                return out;
            }
            out.status = {c_text::status_code(r->status.code), c_text::copy(r->status.message)};
            out.outputs = c_text::copy(r->outputs, r->output_count);
            return out;
        } catch (...) {
            return {{StatusCode::internal, "out of memory"}, {}};
        }
    }

    std::vector<std::string> http_routes() const noexcept override {
        return strings(table_->http_routes);
    }

    HttpResponse handle_http(const HttpRequest& request) noexcept override {
        try {
            const std::vector<ErpField> headers = c_text::view(request.headers);
            const ErpHttpRequest c{sizeof(ErpHttpRequest),
                                   c_text::view(request.method),
                                   c_text::view(request.path),
                                   c_text::view(request.source_address),
                                   headers.data(),
                                   headers.size(),
                                   c_text::view(request.body)};
            Returned<ErpHttpResponse> r(table_, table_->handle_http(table_, &c));
            if (!r)
                return {500, "text/plain", no_answer};
            return {r->status, c_text::copy(r->content_type), c_text::copy(r->body)};
        } catch (...) {
            return {500, "text/plain", "out of memory"};
        }
    }

    std::vector<SettingInfo> settings() const noexcept override {
        std::vector<SettingInfo> out;
        try {
            Returned<ErpSettingList> list(table_, table_->settings(table_));
            for (std::size_t i = 0; list && i < list->count; ++i) {
                const ErpSettingInfo& s = list->items[i];
                out.push_back({c_text::copy(s.key), c_text::copy(s.type),
                               c_text::copy(s.default_value), c_text::copy(s.allowed),
                               s.secret != 0, s.required != 0, c_text::copy(s.help)});
            }
        } catch (...) {
            out.clear();
        }
        return out;
    }

    std::vector<std::string> setting_prefixes() const noexcept override {
        return strings(table_->setting_prefixes);
    }

  private:
    std::vector<std::string> strings(ErpStrList* (*call)(const ErpPluginTable*)) const noexcept {
        std::vector<std::string> out;
        try {
            Returned<ErpStrList> list(table_, call(table_));
            for (std::size_t i = 0; list && i < list->count; ++i)
                out.push_back(c_text::copy(list->items[i]));
        } catch (...) {
            out.clear();
        }
        return out;
    }

    std::unique_ptr<ServicesTable> services_;
    ErpPluginTable* table_;
    PluginInfo info_;
};

}  // namespace erp_plugin::host_side
