#pragma once

#include <string>

#include "erp_plugin/host_services.hpp"

namespace jodo {

// The plugin's log goes to the host's sink. Payer data is masked here, at the
// source; secrets are never passed in.
class Log {
  public:
    explicit Log(erp_plugin::HostServices* host = nullptr) : host_(host) {}
    void info(const std::string& m) const { write(erp_plugin::LogLevel::info, m); }
    void warn(const std::string& m) const { write(erp_plugin::LogLevel::warn, m); }
    void error(const std::string& m) const { write(erp_plugin::LogLevel::error, m); }

  private:
    void write(erp_plugin::LogLevel level, const std::string& m) const {
        if (host_)
            host_->log(level, m);
    }
    erp_plugin::HostServices* host_;
};

// "98******10"
std::string mask_phone(const std::string& phone);
// "r***@example.com"
std::string mask_email(const std::string& email);

}  // namespace jodo
