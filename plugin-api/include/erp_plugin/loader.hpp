// The shipped loader for C++ hosts: loads one plugin file with Boost.DLL,
// checks its table (compatibility.hpp) and hands back the plugin as a
// shared_ptr whose deleter holds the library (Boost.DLL tutorial 8), so the
// code cannot be unmapped under a live object. Header-only; never throws.
//
//   erp_plugin::Loaded one = erp_plugin::load_plugin("/usr/lib/erp-host/plugins/libjodo.so");
//   if (!one.plugin) std::cerr << one.refusal << "\n";
//
// A host that wants no Boost (or is not C++) uses erp_plugin.h with dlopen
// alone: examples/c-host does.
#pragma once

#include <dlfcn.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include <boost/dll/shared_library.hpp>

#include "erp_plugin/compatibility.hpp"
#include "erp_plugin/erp_plugin.h"
#include "erp_plugin/host_adapter.hpp"
#include "erp_plugin/plugin.hpp"

namespace erp_plugin {

using PluginPtr = std::shared_ptr<Plugin>;

struct Loaded {
    PluginPtr plugin;     // null when refused
    std::string version;  // the interface version it was built for, e.g. "2.0"
    std::string refusal;  // one sentence when refused, else empty
};

namespace loader_detail {

// Boost.DLL reports every dlopen() failure as "Bad file descriptor"; the
// dynamic loader's own message says what is wrong ("invalid ELF header", an
// undefined symbol, a missing dependency).
inline std::string dynamic_loader_reason(const std::filesystem::path& file) {
    dlerror();
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) {
        dlclose(handle);
        return "it could not be loaded, and then it could: the file changed while loading";
    }
    const char* reason = dlerror();
    return reason != nullptr ? reason : "the dynamic loader gave no reason";
}

inline Loaded load(const std::filesystem::path& file) {
    namespace dll = boost::dll;
    Loaded out;
    auto library = std::make_shared<dll::shared_library>();
    std::error_code error;
    library->load(file, dll::load_mode::rtld_now | dll::load_mode::rtld_local, error);
    if (error || !library->is_loaded()) {
        out.refusal = "not a loadable shared library (" + dynamic_loader_reason(file) + ")";
        return out;
    }
    if (!library->has(ERP_PLUGIN_ENTRY_SYMBOL)) {
        // Interface 1.x exported a C++ factory and an ABI stamp; it is retired.
        if (library->has("erp_plugin_abi_stamp") || library->has("erp_plugin_create"))
            out.refusal =
                "built for the retired interface 1.x: rebuild it against interface 2 "
                "(it does not export " ERP_PLUGIN_ENTRY_SYMBOL ")";
        else
            out.refusal = "not an ERP plugin: it does not export " ERP_PLUGIN_ENTRY_SYMBOL;
        return out;
    }
    auto services = std::make_unique<host_side::ServicesTable>();
    auto entry = library->get<ErpPluginTable*(const ErpHostTable*)>(ERP_PLUGIN_ENTRY_SYMBOL);
    ErpPluginTable* table = entry(services->table());
    const Compatibility verdict = check_table(table);
    if (!verdict.compatible) {
        out.refusal = "incompatible: " + verdict.reason;
        return out;  // another major: nothing was created, nothing to destroy
    }
    out.version = describe_version(table->api_major, table->api_minor);
    if (table->failure.size != 0) {
        out.refusal = "factory returned no plugin: " + c_text::copy(table->failure);
        table->destroy(table);
        return out;
    }
    host_side::TablePlugin* plugin = nullptr;
    try {
        plugin = new host_side::TablePlugin(std::move(services), table);
    } catch (...) {  // out of memory before the object took the table over
        table->destroy(table);
        throw;
    }
    // The deleter owns the library: it is released only after destroy() ran.
    out.plugin = PluginPtr(plugin, [library](Plugin* p) { delete p; });
    return out;
}

}  // namespace loader_detail

inline Loaded load_plugin(const std::filesystem::path& file) noexcept {
    try {
        return loader_detail::load(file);
    } catch (const std::exception& e) {
        Loaded out;
        out.refusal = std::string("could not be loaded: ") + e.what();
        return out;
    } catch (...) {
        Loaded out;
        out.refusal = "could not be loaded";
        return out;
    }
}

}  // namespace erp_plugin
