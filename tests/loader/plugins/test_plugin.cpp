// Deliberately built plugins for the loader tests. One source, compiled once
// per variant with a different TEST_* definition; each variant breaks exactly
// one rule of plugin-api/README.md (or none, for the good one).
#include <stdexcept>
#include <string>

#include "erp_plugin/export.hpp"

namespace {

// Echoes what it got from the host through the C tables, so a test sees every
// host function arrive intact.
class TestPlugin final : public erp_plugin::Plugin {
  public:
    erp_plugin::PluginInfo info() const noexcept override {
        return {TEST_PLUGIN_ID, "test plugin", "1"};
    }
    erp_plugin::Status start(erp_plugin::HostServices& host) noexcept override {
        host_ = &host;
        return {};
    }
    void stop() noexcept override { host_ = nullptr; }
    std::vector<erp_plugin::ActionInfo> actions() const noexcept override {
        return {{"echo", "Echo", "invoice"}};
    }
    erp_plugin::ActionResult run_action(
        const erp_plugin::ActionRequest& request) noexcept override {
        erp_plugin::ActionResult r;
        r.outputs = {{"echo", TEST_PLUGIN_ID}, {"record", request.record_id}};
        for (const auto& [key, value] : request.parameters)
            r.outputs.emplace_back("parameter." + key, value);
        if (host_ != nullptr) {
            r.outputs.emplace_back("setting", host_->setting("test.key", "fallback"));
            std::string keys;
            for (const auto& key : host_->setting_keys("test."))
                keys += key + ";";
            r.outputs.emplace_back("keys", keys);
            r.outputs.emplace_back("database", host_->database_connection_string());
            r.outputs.emplace_back("now", std::to_string(host_->now_unix_millis()));
            host_->log(erp_plugin::LogLevel::warn, "echo " + request.record_id);
            host_->report_progress({"echo", "job-1", 1, 2, {{"done", "1"}}, true});
        }
        if (request.record_id == "fail")
            r.status = erp_plugin::Status::error(erp_plugin::StatusCode::rejected, "refused: fail");
        return r;
    }
    std::vector<std::string> http_routes() const noexcept override { return {"/test"}; }
    erp_plugin::HttpResponse handle_http(const erp_plugin::HttpRequest& request) noexcept override {
        return {201, "text/plain", request.method + " " + request.path + " " + request.body};
    }
    std::vector<erp_plugin::SettingInfo> settings() const noexcept override {
        return {{"test.key", "text", "fallback", "", true, false, "a key"}};
    }
    std::vector<std::string> setting_prefixes() const noexcept override { return {"test.x."}; }

  private:
    erp_plugin::HostServices* host_ = nullptr;
};

[[maybe_unused]] erp_plugin::Plugin* create() {
#ifdef FACTORY_THROWS_INT
    throw 42;  // not a std::exception: a host must survive it too
#endif
    return new TestPlugin();
}

}  // namespace

#if defined(TEST_MAJOR_PLUS_ONE)
// A plugin of the next major: the header fields alone are what a 2.x host reads.
extern "C" ERP_PLUGIN_EXPORT ErpPluginTable* erp_plugin_entry(const ErpHostTable*) {
    static ErpPluginTable header{};
    header.struct_size = 4 * sizeof(std::uint32_t);
    header.api_major = ERP_PLUGIN_API_MAJOR + 1;
    header.api_minor = 0;
    return &header;
}
#elif defined(TEST_MINOR_PLUS_ONE)
// A plugin of the next minor: its table has one more function at the end,
// which this host does not know and never reads.
namespace {
struct NextMinorTable {
    ErpPluginTable base;  // first: &table.base is the table
    void (*future_function)(void);
    ErpPluginTable* original;
};
void destroy_next_minor(ErpPluginTable* self) {
    auto* grown = reinterpret_cast<NextMinorTable*>(self);
    grown->original->destroy(grown->original);
    delete grown;
}
}  // namespace
extern "C" ERP_PLUGIN_EXPORT ErpPluginTable* erp_plugin_entry(const ErpHostTable* host) {
    ErpPluginTable* table = erp_plugin::plugin_side::make_table(host, &create);
    if (table == nullptr || table->instance == nullptr)
        return table;
    auto* grown = new NextMinorTable{*table, nullptr, table};
    grown->base.struct_size = sizeof(NextMinorTable);
    grown->base.api_minor = ERP_PLUGIN_API_MINOR + 1;
    grown->base.destroy = &destroy_next_minor;
    return &grown->base;
}
#elif defined(TEST_RETIRED_1X)
// The entry points of interface 1.x, and not erp_plugin_entry.
extern "C" ERP_PLUGIN_EXPORT const void* erp_plugin_abi_stamp() {
    return nullptr;
}
#else
ERP_PLUGIN_DEFINE(create)
#endif
