// Every call of interface 2.0 crosses as C (erp_plugin.h) and arrives intact
// on the other side: the test plugin echoes what the host table gave it.
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "erp_plugin/loader.hpp"

namespace fs = std::filesystem;

namespace {

class RecordingHost final : public erp_plugin::HostServices {
  public:
    void log(erp_plugin::LogLevel level, const std::string& message) noexcept override {
        std::lock_guard<std::mutex> lock(mutex_);
        logs.push_back(std::to_string(static_cast<int>(level)) + " " + message);
    }
    std::string setting(const std::string& key,
                        const std::string& fallback) const noexcept override {
        // Longer than the plugin's first buffer: the snprintf rule is exercised.
        return key == "test.key" ? std::string(1000, 'v') + "\xE2\x82\xB9" : fallback;
    }
    std::int64_t now_unix_millis() const noexcept override { return 1765000000123; }
    std::string database_connection_string() const noexcept override {
        return "Driver=SQLite3;Database=/tmp/x.db;";
    }
    std::vector<std::string> setting_keys(const std::string& prefix) const noexcept override {
        return {prefix + "key", prefix + "other"};
    }
    void report_progress(const erp_plugin::JobProgress& p) noexcept override {
        std::lock_guard<std::mutex> lock(mutex_);
        progress.push_back(p.action + " " + p.job + " " + std::to_string(p.done) + "/" +
                           std::to_string(p.total) + " " + p.counts.at(0).first + "=" +
                           p.counts.at(0).second + (p.finished ? " finished" : ""));
    }

    std::vector<std::string> logs, progress;

  private:
    std::mutex mutex_;
};

erp_plugin::PluginPtr good_plugin() {
    auto loaded = erp_plugin::load_plugin(fs::path(TEST_PLUGIN_DIR) / "libgood_plugin.so");
    EXPECT_NE(loaded.plugin, nullptr) << loaded.refusal;
    return loaded.plugin;
}

std::string output(const erp_plugin::ActionResult& result, const std::string& key) {
    const std::string* value = erp_plugin::find_field(result.outputs, key);
    return value != nullptr ? *value : "(none)";
}

}  // namespace

TEST(CBoundary, HostServicesReachThePluginThroughTheHostTable) {
    RecordingHost host;
    auto plugin = good_plugin();
    ASSERT_NE(plugin, nullptr);
    ASSERT_TRUE(plugin->start(host).ok());
    const auto result = plugin->run_action({"echo", "invoice", "INV-7", {}});
    EXPECT_EQ(output(result, "setting"), std::string(1000, 'v') + "\xE2\x82\xB9");
    EXPECT_EQ(output(result, "keys"), "test.key;test.other;");
    EXPECT_EQ(output(result, "database"), "Driver=SQLite3;Database=/tmp/x.db;");
    EXPECT_EQ(output(result, "now"), "1765000000123");
    EXPECT_EQ(host.logs, std::vector<std::string>{"2 echo INV-7"});
    EXPECT_EQ(host.progress, std::vector<std::string>{"echo job-1 1/2 done=1 finished"});
    plugin->stop();
}

TEST(CBoundary, BeforeStartThePluginGetsFallbacks) {
    auto plugin = good_plugin();
    ASSERT_NE(plugin, nullptr);
    const auto result = plugin->run_action({"echo", "invoice", "INV-8", {}});
    EXPECT_EQ(output(result, "setting"), "(none)");  // the plugin had no host yet
    EXPECT_EQ(output(result, "record"), "INV-8");
}

TEST(CBoundary, StatusesListsAndHttpCrossIntact) {
    RecordingHost host;
    auto plugin = good_plugin();
    ASSERT_NE(plugin, nullptr);
    ASSERT_TRUE(plugin->start(host).ok());
    const auto failed = plugin->run_action({"echo", "invoice", "fail", {}});
    EXPECT_EQ(failed.status.code, erp_plugin::StatusCode::rejected);
    EXPECT_EQ(failed.status.message, "refused: fail");
    ASSERT_EQ(plugin->actions().size(), 1u);
    EXPECT_EQ(plugin->actions()[0].label, "Echo");
    EXPECT_EQ(plugin->http_routes(), std::vector<std::string>{"/test"});
    const auto response =
        plugin->handle_http({"POST", "/test/x", "127.0.0.1", {{"A", "b"}}, std::string("a\0b", 3)});
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.content_type, "text/plain");
    EXPECT_EQ(response.body, std::string("POST /test/x a\0b", 16));
    const auto settings = plugin->settings();
    ASSERT_EQ(settings.size(), 1u);
    EXPECT_EQ(settings[0].key, "test.key");
    EXPECT_TRUE(settings[0].secret);
    EXPECT_FALSE(settings[0].required);
    EXPECT_EQ(plugin->setting_prefixes(), std::vector<std::string>{"test.x."});
    plugin->stop();
}
