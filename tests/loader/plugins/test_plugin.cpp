// Deliberately built plugins for the loader tests. One source, compiled once
// per variant with a different STAMP_* definition; each variant breaks exactly
// one rule of plugin-api/README.md (or none, for the good one).
#include <cstring>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "erp_plugin/abi_stamp.hpp"
#include "erp_plugin/plugin.hpp"

namespace {

class TestPlugin final : public erp_plugin::Plugin {
  public:
    erp_plugin::PluginInfo info() const noexcept override {
        return {TEST_PLUGIN_ID, "test plugin", "1"};
    }
    erp_plugin::Status start(erp_plugin::HostServices&) noexcept override { return {}; }
    void stop() noexcept override {}
    std::vector<erp_plugin::ActionInfo> actions() const noexcept override { return {}; }
    erp_plugin::ActionResult run_action(const erp_plugin::ActionRequest&) noexcept override {
        erp_plugin::ActionResult r;
        r.outputs = {{"echo", TEST_PLUGIN_ID}};
        return r;
    }
    std::vector<std::string> http_routes() const noexcept override { return {}; }
    erp_plugin::HttpResponse handle_http(const erp_plugin::HttpRequest&) noexcept override {
        return {};
    }
};

erp_plugin::Plugin* create() {
#ifdef FACTORY_THROWS_INT
    throw 42;  // not a std::exception: a host must survive it too
#endif
    return new TestPlugin();
}

}  // namespace

#ifndef STAMP_NONE
extern "C" BOOST_SYMBOL_EXPORT const ErpPluginAbiStamp* erp_plugin_abi_stamp() {
    static ErpPluginAbiStamp stamp = [] {
        ErpPluginAbiStamp s = erp_plugin::current_abi_stamp();
#ifdef STAMP_MAJOR_PLUS_ONE
        s.api_major += 1;
#endif
#ifdef STAMP_MINOR_PLUS_ONE
        s.api_minor += 1;
#endif
#ifdef STAMP_OTHER_TOOLCHAIN
        std::strcpy(s.toolchain, "gcc-99;libstdc++-99;cxx11abi-0");
#endif
        return s;
    }();
    return &stamp;
}
#endif

BOOST_DLL_ALIAS(create, erp_plugin_create)
