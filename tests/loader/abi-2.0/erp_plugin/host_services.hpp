// What a host offers a plugin, the C++ face of ErpHostTable (erp_plugin.h): a
// C++ host implements it, a C++ plugin calls it; the adapters translate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "erp_plugin/progress.hpp"

namespace erp_plugin {

enum class LogLevel : std::int32_t { debug = 0, info = 1, warn = 2, error = 3 };

class HostServices {
  public:
    // The plugin must already have masked secrets and personal data.
    virtual void log(LogLevel level, const std::string& message) noexcept = 0;

    // The administrator's setting for `key` (e.g. "jodo.base_url"), or `fallback`.
    virtual std::string setting(const std::string& key,
                                const std::string& fallback) const noexcept = 0;

    // Wall clock in milliseconds since the Unix epoch; hosts and tests may move it.
    virtual std::int64_t now_unix_millis() const noexcept = 0;

    // ODBC connection string of the ERP database the plugin reads and writes.
    virtual std::string database_connection_string() const noexcept = 0;

    // Every key the administrator set that starts with `prefix` (e.g. "jodo."),
    // so a plugin can refuse one it does not know (a typo) instead of ignoring it.
    virtual std::vector<std::string> setting_keys(const std::string& prefix) const noexcept = 0;

    // Progress of a batch action while its run_action() runs. Called from any
    // plugin thread, at most every few hundred milliseconds and once with
    // `finished`; a host returns quickly and must be safe to call concurrently.
    // The default ignores it, so a host that draws no progress need not care.
    virtual void report_progress(const JobProgress& progress) noexcept { (void)progress; }

  protected:
    // Owned by the host; a plugin never deletes it.
    ~HostServices() = default;
};

}  // namespace erp_plugin
