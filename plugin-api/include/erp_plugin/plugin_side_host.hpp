// Plugin side: the host's C table (ErpHostTable) seen as the C++
// HostServices a plugin author calls. Header-only, compiled into the plugin.
#pragma once

#include <string>
#include <vector>

#include "erp_plugin/c_text.hpp"
#include "erp_plugin/erp_plugin.h"
#include "erp_plugin/host_services.hpp"

namespace erp_plugin::plugin_side {

class TableHostServices final : public HostServices {
  public:
    explicit TableHostServices(const ErpHostTable* table) noexcept : table_(table) {}

    void log(LogLevel level, const std::string& message) noexcept override {
        if (has_log())
            table_->log(table_->context, static_cast<std::int32_t>(level), c_text::view(message));
    }

    std::string setting(const std::string& key,
                        const std::string& fallback) const noexcept override {
        if (table_ == nullptr || !ERP_PLUGIN_HAS(table_, ErpHostTable, setting) ||
            table_->setting == nullptr)
            return fallback;
        try {
            return read([&](char* out, std::size_t capacity) {
                return table_->setting(table_->context, c_text::view(key), c_text::view(fallback),
                                       out, capacity);
            });
        } catch (...) {  // a copy that could not be allocated
            return fallback;
        }
    }

    std::int64_t now_unix_millis() const noexcept override {
        if (table_ == nullptr || !ERP_PLUGIN_HAS(table_, ErpHostTable, now_unix_millis) ||
            table_->now_unix_millis == nullptr)
            return 0;
        return table_->now_unix_millis(table_->context);
    }

    std::string database_connection_string() const noexcept override {
        if (table_ == nullptr ||
            !ERP_PLUGIN_HAS(table_, ErpHostTable, database_connection_string) ||
            table_->database_connection_string == nullptr)
            return {};
        try {
            return read([&](char* out, std::size_t capacity) {
                return table_->database_connection_string(table_->context, out, capacity);
            });
        } catch (...) {
            return {};
        }
    }

    std::vector<std::string> setting_keys(const std::string& prefix) const noexcept override {
        std::vector<std::string> keys;
        if (table_ == nullptr || !ERP_PLUGIN_HAS(table_, ErpHostTable, setting_keys) ||
            table_->setting_keys == nullptr)
            return keys;
        try {
            const std::string joined = read([&](char* out, std::size_t capacity) {
                return table_->setting_keys(table_->context, c_text::view(prefix), out, capacity);
            });
            std::size_t start = 0;
            for (std::size_t end; (end = joined.find('\0', start)) != std::string::npos;
                 start = end + 1)
                keys.push_back(joined.substr(start, end - start));
        } catch (...) {
            keys.clear();
        }
        return keys;
    }

    void report_progress(const JobProgress& progress) noexcept override {
        if (table_ == nullptr || !ERP_PLUGIN_HAS(table_, ErpHostTable, report_progress) ||
            table_->report_progress == nullptr)
            return;  // a host that draws no progress
        try {
            const std::vector<ErpField> counts = c_text::view(progress.counts);
            ErpJobProgress c{};
            c.struct_size = sizeof(ErpJobProgress);
            c.action = c_text::view(progress.action);
            c.job = c_text::view(progress.job);
            c.done = progress.done;
            c.total = progress.total;
            c.counts = counts.data();
            c.count_count = counts.size();
            c.finished = progress.finished ? 1 : 0;
            table_->report_progress(table_->context, &c);
        } catch (...) {  // progress is best effort
        }
    }

  private:
    bool has_log() const noexcept {
        return table_ != nullptr && ERP_PLUGIN_HAS(table_, ErpHostTable, log) &&
               table_->log != nullptr;
    }

    // The snprintf rule of erp_plugin.h: ask again with the size the host said,
    // a few times (the value may grow between two calls).
    template <class Call>
    static std::string read(Call call) {
        std::string buffer(256, '\0');
        for (int attempt = 0; attempt < 8; ++attempt) {
            const std::size_t size = call(&buffer[0], buffer.size());
            if (size <= buffer.size()) {
                buffer.resize(size);
                return buffer;
            }
            buffer.assign(size, '\0');
        }
        return {};
    }

    const ErpHostTable* table_;
};

}  // namespace erp_plugin::plugin_side
