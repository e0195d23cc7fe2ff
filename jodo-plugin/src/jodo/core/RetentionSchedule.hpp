#pragma once

#include <cstdint>
#include <optional>

namespace jodo {

// Keeping rows for a number of days (webhook bodies, audit rows): when a
// purge is due and what it removes. A purge runs at most once a minute, the
// first one at the first chance after start.
class RetentionSchedule {
  public:
    static constexpr std::int64_t kEveryMs = 60000;
    static std::int64_t days_ms(int days) { return std::int64_t(days) * 86400 * 1000; }

    // Negative = keep forever (never due).
    void set_keep_ms(std::int64_t ms) { keep_ms_ = ms; }

    // Zero days: nothing is to be kept once it is done with, not even until
    // the next purge.
    bool keeps_nothing() const { return keep_ms_ == 0; }

    // At `now_ms`: the cutoff (unix ms; rows older go) when a purge is due.
    std::optional<std::int64_t> due(std::int64_t now_ms) {
        if (keep_ms_ < 0 || (last_ms_ && now_ms - *last_ms_ < kEveryMs))
            return std::nullopt;
        last_ms_ = now_ms;
        return now_ms - keep_ms_;
    }

  private:
    std::int64_t keep_ms_ = -1;
    std::optional<std::int64_t> last_ms_;
};

}  // namespace jodo
