#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <string>
#include <thread>

#include "jodo/erp/Database.hpp"

namespace jodo {

// Rides out a database outage (a server restart, a failover, SQLite locked by
// another process): what Jodo answered is only in this process's memory until
// it is written, so a write is not given up at the first failure.
class DatabaseOutage {
  public:
    using Note = std::function<void(const std::string&)>;

    DatabaseOutage(Database& db, std::chrono::milliseconds window, Note note = {})
        : db_(db), window_(window), note_(std::move(note)) {}

    // Runs `work`. When it throws while the database cannot be reached, waits
    // (100 ms, doubling to 5 s) until it can and runs `work` again, until the
    // window has passed since the first failure; then the last failure is
    // thrown. A failure while the database answers is about the data, not an
    // outage: thrown, once `work` failed that way twice in a row (the outage
    // may have ended between the failure and the question). `work` must be
    // safe to run again after a failure (one transaction that was rolled
    // back, or a conditional update).
    template <class Work>
    auto run(Work&& work) -> decltype(work()) {
        std::chrono::steady_clock::time_point first{};
        auto wait = std::chrono::milliseconds(100);
        bool failed_while_reachable = false;
        for (;;) {
            try {
                return work();
            } catch (const std::exception& e) {
                if (db_.reachable()) {
                    if (failed_while_reachable || window_.count() == 0)
                        throw;
                    failed_while_reachable = true;
                    continue;
                }
                failed_while_reachable = false;
                const auto now = std::chrono::steady_clock::now();
                if (first == std::chrono::steady_clock::time_point{}) {
                    first = now;
                    if (note_)
                        note_(std::string("the database cannot be reached (") + e.what() +
                              "); waiting for it");
                }
                if (now - first >= window_)
                    throw;
            }
            // Wait, asking again as we go, so a database that is back ends the wait.
            const auto until = std::chrono::steady_clock::now() + wait;
            while (std::chrono::steady_clock::now() < until && !db_.reachable())
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            wait = std::min(wait * 2, std::chrono::milliseconds(5000));
        }
    }

  private:
    Database& db_;
    std::chrono::milliseconds window_;
    Note note_;
};

}  // namespace jodo
