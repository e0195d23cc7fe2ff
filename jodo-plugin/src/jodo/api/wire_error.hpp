#pragma once

#include <stdexcept>
#include <string>

namespace jodo {

// Something Jodo sent (or we were about to send) that cannot be understood.
// Names the field so the log line and the ERP error column say what was wrong.
class WireError : public std::runtime_error {
  public:
    WireError(std::string field, const std::string& reason)
        : std::runtime_error(field + ": " + reason), field_(std::move(field)) {}
    const std::string& field() const noexcept { return field_; }

  private:
    std::string field_;
};

}  // namespace jodo
