#include "host_sim/loader/PluginLoader.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <system_error>

#include <boost/dll/shared_library.hpp>

#include "erp_plugin/compatibility.hpp"
#include "erp_plugin/last_error.hpp"

namespace host_sim {

namespace dll = boost::dll;

namespace {
// Boost.DLL reports every dlopen() failure as "Bad file descriptor"; the
// dynamic loader's own message says what is wrong ("invalid ELF header",
// "file too short", an undefined symbol, a missing dependency).
std::string dynamic_loader_reason(const std::filesystem::path& file) {
    dlerror();
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) {
        dlclose(handle);
        return "it could not be loaded, and then it could: the file changed while loading";
    }
    const char* reason = dlerror();
    return reason != nullptr ? reason : "the dynamic loader gave no reason";
}

// What the plugin says about its failed factory call, as ": reason", or "" when
// it says nothing or was built before erp_plugin_last_error existed (then the
// symbol is absent and nothing is called).
std::string factory_failure_reason(const dll::shared_library& library) {
    if (!library.has(ERP_PLUGIN_LAST_ERROR_SYMBOL))
        return {};
    const char* text = library.get<const char*()>(ERP_PLUGIN_LAST_ERROR_SYMBOL)();
    if (text == nullptr)
        return {};
    const std::size_t n = strnlen(text, ERP_PLUGIN_LAST_ERROR_CAPACITY);
    return n == 0 ? std::string() : ": " + std::string(text, n);
}
}  // namespace

LoadOne load_plugin(const std::filesystem::path& file) {
    LoadOne out;
    auto library = std::make_shared<dll::shared_library>();
    std::error_code error;
    library->load(file, dll::load_mode::rtld_now | dll::load_mode::rtld_local, error);
    if (error || !library->is_loaded()) {
        out.refusal = "not a loadable shared library (" + dynamic_loader_reason(file) + ")";
        return out;
    }
    if (!library->has(ERP_PLUGIN_STAMP_SYMBOL)) {
        if (library->has(ERP_PLUGIN_FACTORY_ALIAS))
            out.refusal = std::string("no ABI stamp: it exports a plugin factory but not ") +
                          ERP_PLUGIN_STAMP_SYMBOL +
                          "(), so its interface version cannot be checked";
        else
            out.refusal = std::string("not an ERP plugin: it exports neither ") +
                          ERP_PLUGIN_STAMP_SYMBOL + "() nor " + ERP_PLUGIN_FACTORY_ALIAS;
        return out;
    }
    // Only a plain C function is called before the stamp is accepted.
    auto& stamp_fn = library->get<const ErpPluginAbiStamp*()>(ERP_PLUGIN_STAMP_SYMBOL);
    const ErpPluginAbiStamp* stamp = stamp_fn();
    const auto verdict = erp_plugin::check_compatibility(stamp);
    if (!verdict.compatible) {
        out.refusal = "incompatible: " + verdict.reason;
        return out;
    }
    out.version = erp_plugin::describe_version(stamp->api_major, stamp->api_minor);
    if (!library->has(ERP_PLUGIN_FACTORY_ALIAS)) {
        out.refusal =
            std::string("no factory: the library does not export ") + ERP_PLUGIN_FACTORY_ALIAS;
        return out;
    }
    erp_plugin::Plugin* raw = nullptr;
    try {
        auto& factory = library->get_alias<erp_plugin::PluginFactory>(ERP_PLUGIN_FACTORY_ALIAS);
        raw = factory();
    } catch (const std::exception& e) {
        out.refusal = std::string("factory failed: ") + e.what();
        return out;
    } catch (...) {
        // Whatever a plugin throws must cost the plugin, not the host.
        out.refusal = "factory failed: it threw something that is not a std::exception";
        return out;
    }
    if (raw == nullptr) {
        out.refusal = "factory returned no plugin" + factory_failure_reason(*library);
        return out;
    }
    // The deleter owns the library; it is released only after the object is deleted.
    out.plugin = PluginPtr(raw, [library](erp_plugin::Plugin* p) { delete p; });
    return out;
}

LoadReport load_plugin_directory(const std::filesystem::path& directory) {
    LoadReport report;
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error))
        if (entry.is_regular_file() && entry.path().extension() == ".so")
            files.push_back(entry.path());
    if (error) {
        report.refused.push_back({directory, "cannot read plugin directory: " + error.message()});
        return report;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        LoadOne one = load_plugin(file);
        if (one.plugin)
            report.loaded.push_back({file, std::move(one.plugin), one.version});
        else
            report.refused.push_back({file, one.refusal});
    }
    return report;
}

}  // namespace host_sim
