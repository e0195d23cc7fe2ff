#include "host_sim/host/SimHostServices.hpp"

#include <chrono>

#include "host_sim/host/IniFile.hpp"

namespace host_sim {

SimHostServices::SimHostServices(std::string connection_string,
                                 std::map<std::string, std::string> settings,
                                 std::shared_ptr<spdlog::logger> logger)
    : connection_string_(std::move(connection_string)),
      settings_(std::move(settings)),
      logger_(std::move(logger)) {}

void SimHostServices::log(erp_plugin::LogLevel level, const std::string& message) noexcept {
    try {
        if (!logger_)
            return;
        switch (level) {
            case erp_plugin::LogLevel::debug:
                logger_->debug("{}", message);
                break;
            case erp_plugin::LogLevel::info:
                logger_->info("{}", message);
                break;
            case erp_plugin::LogLevel::warn:
                logger_->warn("{}", message);
                break;
            case erp_plugin::LogLevel::error:
                logger_->error("{}", message);
                break;
        }
    } catch (...) {
    }
}

void SimHostServices::report_progress(const erp_plugin::JobProgress& progress) noexcept {
    try {
        std::lock_guard<std::mutex> lock(progress_mutex_);
        if (progress_listener_)
            progress_listener_(progress);
    } catch (...) {
    }
}

void SimHostServices::on_progress(ProgressListener listener) {
    std::lock_guard<std::mutex> lock(progress_mutex_);
    progress_listener_ = std::move(listener);
}

std::string SimHostServices::setting(const std::string& key,
                                     const std::string& fallback) const noexcept {
    try {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = settings_.find(key);
        return it == settings_.end() ? fallback : it->second;
    } catch (...) {
        return fallback;
    }
}

std::map<std::string, std::string> SimHostServices::all_settings() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return settings_;
}

std::vector<std::string> SimHostServices::setting_keys(const std::string& prefix) const noexcept {
    try {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<std::string> keys;
        for (auto it = settings_.lower_bound(prefix);
             it != settings_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
            keys.push_back(it->first);
        return keys;
    } catch (...) {
        return {};
    }
}

std::int64_t SimHostServices::now_unix_millis() const noexcept {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() +
           clock_offset_ms_;
}

std::string SimHostServices::database_connection_string() const noexcept {
    try {
        return connection_string_;
    } catch (...) {
        return {};
    }
}

void SimHostServices::set(const std::string& key, const std::string& value) {
    std::lock_guard<std::mutex> lock(mutex_);
    settings_[key] = value;
}

std::map<std::string, std::string> read_settings_file(const std::string& path) {
    std::map<std::string, std::string> out;
    for (const auto& entry : read_ini_file(path))
        out[entry.key()] = entry.value;
    return out;
}

SettingPlaces read_setting_places(const std::string& path) {
    SettingPlaces out;
    for (const auto& entry : read_ini_file(path))
        out[entry.key()] = config_place(path, entry.line);
    return out;
}

}  // namespace host_sim
