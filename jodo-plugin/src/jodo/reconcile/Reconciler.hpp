#pragma once

#include <atomic>

#include "jodo/erp/CollectionStore.hpp"
#include "jodo/sync/CollectionSync.hpp"

namespace jodo {

struct ReconcileReport {
    int checked = 0;
    int changed = 0;
    int errors = 0;
};

// Catches what webhooks miss: every open collection is asked about on its own
// schedule (soon after creation, then less often), so a lost webhook delays
// "Paid" by minutes, not forever. The schedule lives in the database, so it
// resumes after a restart.
class Reconciler {
  public:
    // `creating_grace_ms`: an intent younger than this may still be waiting
    // for Jodo's answer (timeouts and retries), so it is not yet an orphan.
    // `concurrency`: collections checked (Jodo requests) at once.
    Reconciler(CollectionStore& store, CollectionSync& sync, Clock clock, Log log,
               std::int64_t creating_grace_ms = 5 * 60 * 1000, int concurrency = 1)
        : store_(store),
          sync_(sync),
          clock_(std::move(clock)),
          log_(log),
          creating_grace_ms_(creating_grace_ms),
          concurrency_(concurrency < 1 ? 1 : concurrency) {}

    // Checks every collection that is due, until none is: claimed a chunk at a
    // time (one statement each), `concurrency` at once. Stops between
    // collections once *stop is set (plugin shutdown); what it claimed but did
    // not reach is due again when its lease ends.
    ReconcileReport run_once(const std::atomic<bool>* stop = nullptr);

  private:
    // One claimed collection; returns whether its status changed. Failures
    // reschedule it and are counted by the caller.
    // Quiet checks go to `defer`.
    bool check(const Collection& collection, std::int64_t now,
               const CollectionSync::DeferSchedule& defer);

    CollectionStore& store_;
    CollectionSync& sync_;
    Clock clock_;
    Log log_;
    std::int64_t creating_grace_ms_;
    int concurrency_;
};

}  // namespace jodo
