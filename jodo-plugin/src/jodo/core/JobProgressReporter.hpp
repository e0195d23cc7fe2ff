#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <string>

#include "erp_plugin/progress.hpp"

namespace jodo {

// Reports a batch job's progress to the host (interface 1.2) without flooding
// it: at most one report per interval from whichever worker thread gets there,
// and always the final one.
class JobProgressReporter {
  public:
    using Sink = std::function<void(const erp_plugin::JobProgress&)>;
    using Counts = std::function<erp_plugin::JobProgress()>;
    // Nanoseconds on a monotonic clock whose zero may be recent (the machine's boot).
    using MonotonicNs = std::function<std::int64_t()>;

    JobProgressReporter(Sink sink,
                        std::chrono::milliseconds interval = std::chrono::milliseconds(200),
                        MonotonicNs now = steady_now)
        : sink_(std::move(sink)), interval_(interval), now_(std::move(now)) {}

    // `snapshot` builds the report; it is called only when one is due.
    void maybe_report(const Counts& snapshot) {
        if (!sink_)
            return;
        const std::int64_t now = now_();
        auto last = last_.load();
        // The first report is always due: steady_clock starts near zero on a
        // machine that booted less than an interval ago.
        if ((last != kNever &&
             now - last <
                 std::chrono::duration_cast<std::chrono::nanoseconds>(interval_).count()) ||
            !last_.compare_exchange_strong(last, now))
            return;
        send(snapshot());
    }

    void finish(erp_plugin::JobProgress final_report) {
        if (!sink_)
            return;
        final_report.finished = true;
        send(final_report);
    }

  private:
    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
    static std::int64_t steady_now() {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    void send(const erp_plugin::JobProgress& report) {
        // One report at a time, so a host drawing a bar never sees them out of order.
        std::lock_guard<std::mutex> lock(mutex_);
        if (report.finished)
            finished_ = true;
        else if (finished_ || report.done < highest_done_)
            return;
        highest_done_ = report.done;
        sink_(report);
    }

    Sink sink_;
    std::chrono::milliseconds interval_;
    MonotonicNs now_;
    std::atomic<std::int64_t> last_{kNever};
    std::mutex mutex_;
    std::uint64_t highest_done_ = 0;
    bool finished_ = false;
};

}  // namespace jodo
