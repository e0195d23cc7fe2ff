// A host that upgrades the module in process: load libjodo.so, use it, unload
// it, check that it is gone from the address space, load a copy from another
// path, use that. This binary links neither Poco nor unixODBC (like a foreign
// ERP host): everything the module needs comes in with the module.
#include <dlfcn.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include "erp_plugin/loader.hpp"
#include "support/Subprocess.hpp"
#include "support/TempDir.hpp"

namespace fs = std::filesystem;

namespace {

// Settings from a map; a mutex because the module's threads call in too.
class MapHost final : public erp_plugin::HostServices {
  public:
    explicit MapHost(std::map<std::string, std::string> settings)
        : settings_(std::move(settings)) {}
    void log(erp_plugin::LogLevel, const std::string&) noexcept override {}
    std::string setting(const std::string& key,
                        const std::string& fallback) const noexcept override {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = settings_.find(key);
        return it == settings_.end() ? fallback : it->second;
    }
    std::int64_t now_unix_millis() const noexcept override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
    std::string database_connection_string() const noexcept override {
        return setting("host.database", "");
    }
    std::vector<std::string> setting_keys(const std::string& prefix) const noexcept override {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<std::string> keys;
        for (const auto& [key, value] : settings_)
            if (key.rfind(prefix, 0) == 0)
                keys.push_back(key);
        return keys;
    }

  private:
    mutable std::mutex mutex_;
    std::map<std::string, std::string> settings_;
};

bool mapped(const fs::path& file) {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line))
        if (line.find(file.string()) != std::string::npos)
            return true;
    return false;
}

bool still_loaded(const fs::path& file) {
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle != nullptr)
        dlclose(handle);  // drop the reference RTLD_NOLOAD just took
    return handle != nullptr;
}

// Loads with the shipped loader (erp_plugin/loader.hpp), starts, runs one
// action, stops, lets go (destroy, then unload); returns the action's outputs.
std::map<std::string, std::string> use_module_once(const fs::path& file, MapHost& host,
                                                   const std::string& invoice) {
    std::map<std::string, std::string> out;
    {
        auto loaded = erp_plugin::load_plugin(file);
        EXPECT_TRUE(mapped(file));
        const erp_plugin::PluginPtr plugin = std::move(loaded.plugin);
        EXPECT_NE(plugin, nullptr) << loaded.refusal;
        if (plugin == nullptr)
            return out;
        const auto started = plugin->start(host);
        EXPECT_TRUE(started.ok()) << started.message;
        erp_plugin::ActionRequest request{"collect", "invoice", invoice, {}};
        const auto result = plugin->run_action(request);
        for (const auto& [key, value] : result.outputs)
            out[key] = value;
        out["code"] = erp_plugin::to_string(result.status.code);  // not an output key
        out["message"] = result.status.message;
        out["version"] = plugin->info().version;
        plugin->stop();
    }  // plugin destroyed, then the library unloaded by the deleter
    return out;
}

std::set<std::string> exported_symbols(const fs::path& file) {
    std::set<std::string> names;
    const std::string command = "nm -D --defined-only " + file.string();
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    char line[512];
    while (pipe && fgets(line, sizeof line, pipe.get()) != nullptr) {
        std::string text(line);
        text.erase(text.find_last_not_of("\r\n") + 1);
        names.insert(text.substr(text.find_last_of(' ') + 1));
    }
    return names;
}

}  // namespace

TEST(ModuleUnload, ExportsOnlyItsEntryPoints) {
    EXPECT_EQ(exported_symbols(JODO_PLUGIN_FILE), (std::set<std::string>{"erp_plugin_entry"}));
}

// The SQLite ODBC guard is still what Poco's ODBC calls reach in a host that
// has no guard of its own: the module brings it in as a library of its own.
TEST(ModuleUnload, SqlNativeSqlReachesTheGuardLibrary) {
    void* module = dlopen(JODO_PLUGIN_FILE, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(module, nullptr) << dlerror();
    void* bound = dlsym(module, "SQLNativeSql");  // the module's lookup order, as Poco's
    ASSERT_NE(bound, nullptr);
    Dl_info where{};
    ASSERT_NE(dladdr(bound, &where), 0);
    EXPECT_NE(std::string(where.dli_fname).find("libjodo-odbc-guard.so"), std::string::npos)
        << "SQLNativeSql is bound to " << where.dli_fname;
    dlclose(module);
}

TEST(ModuleUnload, UnloadsAndLoadsACopyInTheSameProcess) {
    testing_support::TempDir dir;
    const fs::path database = dir.path() / "erp.db";
    const std::string connection =
        "Driver=SQLite3;Database=" + database.string() + ";Timeout=10000;";
    {
        std::ofstream ini(dir.path() / "host.ini");
        ini << "[host]\ndatabase = " << connection << "\n";
    }
    scaleout::Subprocess init(
        {HOST_SIM_BINARY, "init", "--config", (dir.path() / "host.ini").string(), "--sample"}, {},
        dir.path() / "init.out", dir.path() / "init.err");
    const auto initialised = init.wait(60000);
    ASSERT_TRUE(initialised.ok()) << initialised.describe();

    scaleout::Subprocess sandbox({JODO_SANDBOX_BINARY, "--port", "0"}, {},
                                 dir.path() / "sandbox.out", dir.path() / "sandbox.err");
    const std::string ready = sandbox.wait_for_output("listening on ", 20000);
    ASSERT_FALSE(ready.empty()) << scaleout::read_file(dir.path() / "sandbox.err");
    const std::string base_url = ready.substr(ready.find("http://"));

    MapHost host({{"host.database", connection},
                  {"jodo.base_url", base_url},
                  {"jodo.api_key", "sandbox_key"},
                  {"jodo.api_secret", "sandbox_secret"},
                  {"jodo.webhook.worker_interval_ms", "50"},
                  {"jodo.reconcile.interval_ms", "50"}});

    const fs::path original = JODO_PLUGIN_FILE;
    auto first = use_module_once(original, host, "INV-2026-0001");
    EXPECT_EQ(first["code"], "ok") << first["message"];
    EXPECT_EQ(first["status"], "unpaid");
    EXPECT_FALSE(first["order_id"].empty());
    EXPECT_FALSE(mapped(original)) << "libjodo.so is still mapped after unloading";
    EXPECT_FALSE(still_loaded(original));

    // The upgrade: another file, as a package manager would install it.
    const fs::path copy = dir.path() / "upgrade" / "libjodo.so";
    fs::create_directories(copy.parent_path());
    fs::copy_file(original, copy);
    auto second = use_module_once(copy, host, "INV-2026-0002");
    EXPECT_EQ(second["code"], "ok") << second["message"];
    EXPECT_EQ(second["status"], "unpaid");
    EXPECT_FALSE(second["order_id"].empty());
    EXPECT_NE(second["order_id"], first["order_id"]);
    EXPECT_FALSE(mapped(copy));
    EXPECT_FALSE(still_loaded(copy));
}

// plugin-api/README.md: stop() after a failed start() is allowed and safe (a
// host's cleanup path runs it on every way out), and the module still unloads.
TEST(ModuleUnload, StopAfterAFailedStartIsSafeAndItStillUnloads) {
    testing_support::TempDir dir;
    const fs::path original = JODO_PLUGIN_FILE;
    {
        MapHost host({{"host.database", "Driver=SQLite3;Database=" +
                                            (dir.path() / "no-such-dir" / "erp.db").string() + ";"},
                      {"jodo.api_key", "k"},
                      {"jodo.api_secret", "s"}});
        auto loaded = erp_plugin::load_plugin(original);
        const erp_plugin::PluginPtr plugin = std::move(loaded.plugin);
        ASSERT_NE(plugin, nullptr) << loaded.refusal;
        const auto started = plugin->start(host);
        EXPECT_FALSE(started.ok());
        plugin->stop();
        plugin->stop();  // twice: a host's cleanup may run after its error path did
        const auto after = plugin->run_action({"collect", "invoice", "INV-2026-0001", {}});
        EXPECT_EQ(after.status.code, erp_plugin::StatusCode::config) << after.status.message;
    }
    EXPECT_FALSE(mapped(original));
    EXPECT_FALSE(still_loaded(original));
}
