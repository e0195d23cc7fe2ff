// Plugin side: a C++ erp_plugin::Plugin offered to the host as the C table of
// erp_plugin.h. Header-only; ERP_PLUGIN_DEFINE (export.hpp) instantiates it in
// the plugin, so everything allocated here is freed by the plugin's own code.
#pragma once

#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "erp_plugin/c_text.hpp"
#include "erp_plugin/erp_plugin.h"
#include "erp_plugin/plugin.hpp"
#include "erp_plugin/plugin_side_host.hpp"

// A refusal text is at most this many bytes, NUL included.
#define ERP_PLUGIN_FAILURE_CAPACITY 1024

namespace erp_plugin::plugin_side {

// Every block handed to the host: the C struct and the C++ values its views
// point into, kept until the host releases the C struct.
struct Block {
    virtual ~Block() = default;
};

template <class C>
struct Owned : Block {
    C c{};
};

struct StatusBlock : Owned<ErpStatus> {
    Status source;
};
struct ResultBlock : Owned<ErpActionResult> {
    ActionResult source;
    std::vector<ErpField> outputs;
};
struct ResponseBlock : Owned<ErpHttpResponse> {
    HttpResponse source;
};
struct StringsBlock : Owned<ErpStrList> {
    std::vector<std::string> source;
    std::vector<ErpStr> items;
};
struct ActionsBlock : Owned<ErpActionList> {
    std::vector<ActionInfo> source;
    std::vector<ErpActionInfo> items;
};
struct SettingsBlock : Owned<ErpSettingList> {
    std::vector<SettingInfo> source;
    std::vector<ErpSettingInfo> items;
};

struct Instance {
    explicit Instance(const ErpHostTable* host_table) : host(host_table) {}

    ErpPluginTable table{};
    TableHostServices host;
    std::unique_ptr<Plugin> plugin;
    PluginInfo info;
    char failure[ERP_PLUGIN_FAILURE_CAPACITY] = {};
    std::mutex mutex;
    std::unordered_map<const void*, std::unique_ptr<Block>> blocks;

    template <class B>
    auto* keep(std::unique_ptr<B> block) {
        auto* c = &block->c;
        std::lock_guard<std::mutex> lock(mutex);
        blocks.emplace(c, std::move(block));
        return c;
    }
    void release(const void* c) noexcept {
        std::unique_ptr<Block> gone;  // freed after the lock is let go
        std::lock_guard<std::mutex> lock(mutex);
        auto it = blocks.find(c);
        if (it != blocks.end()) {
            gone = std::move(it->second);
            blocks.erase(it);
        }
    }
};

inline Instance& of(const ErpPluginTable* self) noexcept {
    return *static_cast<Instance*>(self->instance);
}

// The C functions of the table. Each catches everything: what cannot be
// allocated is a null block (the host reports an internal error).
inline void destroy(ErpPluginTable* self) noexcept {
    delete static_cast<Instance*>(self->instance);
}

inline void release(const ErpPluginTable* self, const void* block) noexcept {
    of(self).release(block);
}

inline ErpStatus* start(const ErpPluginTable* self) noexcept {
    try {
        auto block = std::make_unique<StatusBlock>();
        Instance& instance = of(self);
        block->source = instance.plugin->start(instance.host);
        block->c = ErpStatus{static_cast<std::int32_t>(block->source.code),
                             c_text::view(block->source.message)};
        return instance.keep(std::move(block));
    } catch (...) {
        return nullptr;
    }
}

inline void stop(const ErpPluginTable* self) noexcept {
    of(self).plugin->stop();
}

inline ErpActionList* actions(const ErpPluginTable* self) noexcept {
    try {
        auto block = std::make_unique<ActionsBlock>();
        block->source = of(self).plugin->actions();
        for (const auto& a : block->source)
            block->items.push_back(
                {c_text::view(a.name), c_text::view(a.label), c_text::view(a.record_type)});
        block->c = ErpActionList{block->items.data(), block->items.size()};
        return of(self).keep(std::move(block));
    } catch (...) {
        return nullptr;
    }
}

inline ErpActionResult* run_action(const ErpPluginTable* self,
                                   const ErpActionRequest* request) noexcept {
    try {
        ActionRequest r;
        if (request != nullptr) {
            r.action = c_text::copy(request->action);
            r.record_type = c_text::copy(request->record_type);
            r.record_id = c_text::copy(request->record_id);
            r.parameters = c_text::copy(request->parameters, request->parameter_count);
        }
        auto block = std::make_unique<ResultBlock>();
        block->source = of(self).plugin->run_action(r);
        block->outputs = c_text::view(block->source.outputs);
        block->c = ErpActionResult{sizeof(ErpActionResult),
                                   {static_cast<std::int32_t>(block->source.status.code),
                                    c_text::view(block->source.status.message)},
                                   block->outputs.data(),
                                   block->outputs.size()};
        return of(self).keep(std::move(block));
    } catch (...) {
        return nullptr;
    }
}

inline ErpStrList* strings(const ErpPluginTable* self, std::vector<std::string> source) {
    auto block = std::make_unique<StringsBlock>();
    block->source = std::move(source);
    for (const auto& s : block->source)
        block->items.push_back(c_text::view(s));
    block->c = ErpStrList{block->items.data(), block->items.size()};
    return of(self).keep(std::move(block));
}

inline ErpStrList* http_routes(const ErpPluginTable* self) noexcept {
    try {
        return strings(self, of(self).plugin->http_routes());
    } catch (...) {
        return nullptr;
    }
}

inline ErpHttpResponse* handle_http(const ErpPluginTable* self,
                                    const ErpHttpRequest* request) noexcept {
    try {
        HttpRequest r;
        if (request != nullptr) {
            r.method = c_text::copy(request->method);
            r.path = c_text::copy(request->path);
            r.source_address = c_text::copy(request->source_address);
            r.headers = c_text::copy(request->headers, request->header_count);
            r.body = c_text::copy(request->body);
        }
        auto block = std::make_unique<ResponseBlock>();
        block->source = of(self).plugin->handle_http(r);
        block->c = ErpHttpResponse{sizeof(ErpHttpResponse), block->source.status,
                                   c_text::view(block->source.content_type),
                                   c_text::view(block->source.body)};
        return of(self).keep(std::move(block));
    } catch (...) {
        return nullptr;
    }
}

inline ErpSettingList* settings(const ErpPluginTable* self) noexcept {
    try {
        auto block = std::make_unique<SettingsBlock>();
        block->source = of(self).plugin->settings();
        for (const auto& s : block->source)
            block->items.push_back({c_text::view(s.key), c_text::view(s.type),
                                    c_text::view(s.default_value), c_text::view(s.allowed),
                                    s.secret ? 1 : 0, s.required ? 1 : 0, c_text::view(s.help)});
        block->c = ErpSettingList{block->items.data(), block->items.size()};
        return of(self).keep(std::move(block));
    } catch (...) {
        return nullptr;
    }
}

inline ErpStrList* setting_prefixes(const ErpPluginTable* self) noexcept {
    try {
        return strings(self, of(self).plugin->setting_prefixes());
    } catch (...) {
        return nullptr;
    }
}

// The four header fields alone: what a host of another major reads (and
// refuses) without anything having been created. Its size says that nothing
// follows the header, so no host can mistake it for a usable table.
inline ErpPluginTable* header_only() noexcept {
    static ErpPluginTable header = [] {
        ErpPluginTable t{};
        t.struct_size = 4 * sizeof(std::uint32_t);
        t.api_major = ERP_PLUGIN_API_MAJOR;
        t.api_minor = ERP_PLUGIN_API_MINOR;
        return t;
    }();
    return &header;
}

// erp_plugin_entry's body: creates the plugin with `factory` and fills the
// table. A factory that throws leaves `failure` set to its text.
template <class Factory>
ErpPluginTable* make_table(const ErpHostTable* host, Factory factory) noexcept {
    if (host == nullptr || host->api_major != ERP_PLUGIN_API_MAJOR)
        return header_only();
    Instance* instance = nullptr;
    try {
        instance = new Instance(host);
    } catch (...) {
        return nullptr;
    }
    ErpPluginTable& t = instance->table;
    t = ErpPluginTable{sizeof(ErpPluginTable),
                       ERP_PLUGIN_API_MAJOR,
                       ERP_PLUGIN_API_MINOR,
                       0,
                       instance,
                       {},
                       {},
                       {},
                       {},
                       &destroy,
                       &release,
                       &start,
                       &stop,
                       &actions,
                       &run_action,
                       &http_routes,
                       &handle_http,
                       &settings,
                       &setting_prefixes};
    try {
        instance->plugin.reset(factory());
        if (instance->plugin == nullptr)
            throw std::runtime_error("the factory returned no plugin");
        instance->info = instance->plugin->info();
        t.id = c_text::view(instance->info.id);
        t.name = c_text::view(instance->info.name);
        t.version = c_text::view(instance->info.version);
        return &t;
    } catch (const std::exception& e) {
        c_text::copy_utf8_bounded(instance->failure, sizeof instance->failure, e.what());
    } catch (...) {
        c_text::copy_utf8_bounded(instance->failure, sizeof instance->failure,
                                  "it threw something that is not a std::exception");
    }
    if (instance->failure[0] == '\0')
        instance->failure[0] = '?';  // an exception with no text still refuses
    t.failure = ErpStr{instance->failure, std::char_traits<char>::length(instance->failure)};
    return &t;
}

}  // namespace erp_plugin::plugin_side
