#pragma once

#include "erp_plugin/plugin.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/StudentReader.hpp"
#include "jodo/erp/StudentStore.hpp"

namespace jodo {

struct CounterReport {
    int receipts = 0;
    int sent = 0;
    int confirmed = 0;  // a lost answer resolved from List Payments
    int cancelled = 0;
    int review = 0;   // a person must look (refused, or a lost answer unresolved)
    int waiting = 0;  // the student is not registered with Jodo yet
    int errors = 0;
};

// ERP -> Jodo: receipts taken at the school reach Jodo once with Add Payment
// (the ERP receipt id as transaction_id), and a receipt cancelled in the ERP
// is cancelled there. Intent before the request, outcome after; a lost answer
// is resolved from List Payments when exactly one payment carries the
// receipt's id, and goes to the review queue otherwise.
class CounterPayments {
  public:
    CounterPayments(Database& db, const ErpMapping& mapping, StudentStore& store,
                    JodoClient& client, Clock clock, Log log, std::int64_t intent_grace_ms)
        : db_(db),
          mapping_(mapping),
          store_(store),
          client_(client),
          clock_(std::move(clock)),
          log_(log),
          intent_grace_ms_(intent_grace_ms) {}

    // The action push_counter_payments (and the background loop).
    CounterReport push(const ErpFilters& filters);

  private:
    void send(const CounterReceipt& receipt, const std::string& jodo_student_id,
              CounterReport& report);
    void resolve(const CounterRow& row, CounterReport& report);
    void cancel(const CounterRow& row, CounterReport& report);
    // A cancelled receipt whose send never got its outcome recorded.
    void cancel_unresolved(const CounterRow& row, CounterReport& report);

    Database& db_;
    const ErpMapping& mapping_;
    StudentStore& store_;
    JodoClient& client_;
    Clock clock_;
    Log log_;
    // jodo.reconcile.creating_grace_s: a send intent older than this without
    // an outcome was cut off by a crash and is resolved from List Payments.
    std::int64_t intent_grace_ms_;
};

}  // namespace jodo
