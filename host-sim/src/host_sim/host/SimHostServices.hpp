#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "erp_plugin/host_services.hpp"

namespace host_sim {

// What host-sim offers its plugins: its settings, its log, its clock and the
// ERP database's connection string.
class SimHostServices final : public erp_plugin::HostServices {
  public:
    SimHostServices(std::string connection_string, std::map<std::string, std::string> settings,
                    std::shared_ptr<spdlog::logger> logger);

    void log(erp_plugin::LogLevel level, const std::string& message) noexcept override;
    std::string setting(const std::string& key,
                        const std::string& fallback) const noexcept override;
    std::int64_t now_unix_millis() const noexcept override;
    std::vector<std::string> setting_keys(const std::string& prefix) const noexcept override;
    std::string database_connection_string() const noexcept override;
    void report_progress(const erp_plugin::JobProgress& progress) noexcept override;

    // Who hears batch progress (a terminal bar, the invoice screen); replaces the last one.
    using ProgressListener = std::function<void(const erp_plugin::JobProgress&)>;
    void on_progress(ProgressListener listener);

    void set(const std::string& key, const std::string& value);
    std::map<std::string, std::string> all_settings() const;
    // Moves the clock the plugins see (tests of expiry and reconciliation).
    void advance_clock_ms(std::int64_t delta) { clock_offset_ms_ += delta; }

  private:
    std::string connection_string_;
    mutable std::mutex mutex_;
    std::map<std::string, std::string> settings_;
    std::shared_ptr<spdlog::logger> logger_;
    std::atomic<std::int64_t> clock_offset_ms_{0};
    std::mutex progress_mutex_;
    ProgressListener progress_listener_;
};

// Reads an INI file ([section] key = value, host/IniFile.hpp) into
// "section.key" settings. Throws ConfigError naming the file (and line).
std::map<std::string, std::string> read_settings_file(const std::string& path);

// Where each setting is written, "host.ini:12: " (a later line wins, as for
// its value), so that a complaint about a setting points at its line.
using SettingPlaces = std::map<std::string, std::string>;
SettingPlaces read_setting_places(const std::string& path);

}  // namespace host_sim
