// Host side: a C++ host's HostServices offered to the plugin as the C table
// ErpHostTable. The table exists before the plugin does (erp_plugin_entry
// receives it), the HostServices only from start(): until attach(), and after
// detach, the plugin's calls get the fallback answers.
#pragma once

#include <atomic>
#include <cstring>
#include <string>

#include "erp_plugin/c_text.hpp"
#include "erp_plugin/erp_plugin.h"
#include "erp_plugin/host_services.hpp"

namespace erp_plugin::host_side {

class ServicesTable {
  public:
    ServicesTable() noexcept {
        table_ = ErpHostTable{sizeof(ErpHostTable),
                              ERP_PLUGIN_API_MAJOR,
                              ERP_PLUGIN_API_MINOR,
                              0,
                              this,
                              &log,
                              &setting,
                              &now_unix_millis,
                              &database_connection_string,
                              &setting_keys,
                              &report_progress};
    }
    ServicesTable(const ServicesTable&) = delete;
    ServicesTable& operator=(const ServicesTable&) = delete;

    const ErpHostTable* table() const noexcept { return &table_; }
    void attach(HostServices* services) noexcept { services_.store(services); }

  private:
    static HostServices* target(void* context) noexcept {
        return static_cast<ServicesTable*>(context)->services_.load();
    }

    // The snprintf rule of erp_plugin.h.
    static std::size_t answer(const std::string& text, char* out, std::size_t capacity) noexcept {
        if (out != nullptr && text.size() <= capacity && !text.empty())
            std::memcpy(out, text.data(), text.size());
        return text.size();
    }

    static void log(void* context, std::int32_t level, ErpStr message) noexcept {
        try {
            if (HostServices* services = target(context))
                services->log(c_text::log_level(level), c_text::copy(message));
        } catch (...) {  // a log line that cannot be copied is dropped
        }
    }

    static std::size_t setting(void* context, ErpStr key, ErpStr fallback, char* out,
                               std::size_t capacity) noexcept {
        try {
            HostServices* services = target(context);
            return answer(services != nullptr
                              ? services->setting(c_text::copy(key), c_text::copy(fallback))
                              : c_text::copy(fallback),
                          out, capacity);
        } catch (...) {
            return 0;
        }
    }

    static std::int64_t now_unix_millis(void* context) noexcept {
        HostServices* services = target(context);
        return services != nullptr ? services->now_unix_millis() : 0;
    }

    static std::size_t database_connection_string(void* context, char* out,
                                                  std::size_t capacity) noexcept {
        try {
            HostServices* services = target(context);
            return answer(services != nullptr ? services->database_connection_string() : "", out,
                          capacity);
        } catch (...) {
            return 0;
        }
    }

    static std::size_t setting_keys(void* context, ErpStr prefix, char* out,
                                    std::size_t capacity) noexcept {
        try {
            std::string joined;
            if (HostServices* services = target(context))
                for (const auto& key : services->setting_keys(c_text::copy(prefix)))
                    joined.append(key).push_back('\0');
            return answer(joined, out, capacity);
        } catch (...) {
            return 0;
        }
    }

    static void report_progress(void* context, const ErpJobProgress* progress) noexcept {
        try {
            HostServices* services = target(context);
            if (services == nullptr || progress == nullptr)
                return;
            JobProgress p;
            p.action = c_text::copy(progress->action);
            p.job = c_text::copy(progress->job);
            p.done = progress->done;
            p.total = progress->total;
            p.counts = c_text::copy(progress->counts, progress->count_count);
            p.finished = progress->finished != 0;
            services->report_progress(p);
        } catch (...) {  // progress is best effort
        }
    }

    ErpHostTable table_{};
    std::atomic<HostServices*> services_{nullptr};
};

}  // namespace erp_plugin::host_side
