// A host fixture compiled against the frozen 2.0 headers (tests/loader/abi-2.0),
// loading a plugin built from the current headers: a later 2.x must keep such
// a host working (plugin-api/README.md, minor rules). Prints what the plugin
// answered; the test compares it.
//   frozen_host PLUGIN_FILE
#include <iostream>
#include <string>

#include "erp_plugin/loader.hpp"

namespace {

class FixedHost final : public erp_plugin::HostServices {
  public:
    void log(erp_plugin::LogLevel, const std::string& message) noexcept override {
        std::cout << "log: " << message << "\n";
    }
    std::string setting(const std::string& key,
                        const std::string& fallback) const noexcept override {
        return key == "test.key" ? "from the 2.0 host" : fallback;
    }
    std::int64_t now_unix_millis() const noexcept override { return 42; }
    std::string database_connection_string() const noexcept override { return "db"; }
    std::vector<std::string> setting_keys(const std::string&) const noexcept override {
        return {"test.key"};
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: frozen_host PLUGIN_FILE\n";
        return 2;
    }
    auto loaded = erp_plugin::load_plugin(argv[1]);
    if (!loaded.plugin) {
        std::cout << "refused: " << loaded.refusal << "\n";
        return 1;
    }
    FixedHost host;
    const auto started = loaded.plugin->start(host);
    std::cout << "interface " << loaded.version << ", start " << to_string(started.code) << "\n";
    const auto result = loaded.plugin->run_action({"echo", "invoice", "INV-20", {{"p", "q"}}});
    std::cout << "run_action " << to_string(result.status.code) << "\n";
    for (const auto& [key, value] : result.outputs)
        std::cout << key << " = " << value << "\n";
    loaded.plugin->stop();
    return result.status.ok() ? 0 : 1;
}
