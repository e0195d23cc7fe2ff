#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace jodo {

// The host's clock, as the plugin reads and writes it. Hosts and tests move
// it; nothing in the plugin reads the system clock directly.
class Clock {
  public:
    using Source = std::function<std::int64_t()>;  // unix milliseconds
    explicit Clock(Source source) : source_(std::move(source)) {}

    std::int64_t now_ms() const { return source_(); }
    // ISO 8601 UTC with milliseconds, as stored in our tables.
    std::string iso(std::int64_t unix_ms) const;
    std::string now_iso() const { return iso(now_ms()); }
    std::string iso_in_seconds(std::int64_t seconds) const {
        return iso(now_ms() + seconds * 1000);
    }
    // ISO 8601 UTC without fractions, as sent to Jodo (expires_at).
    static std::string wire_iso(std::int64_t unix_ms);

  private:
    Source source_;
};

}  // namespace jodo
