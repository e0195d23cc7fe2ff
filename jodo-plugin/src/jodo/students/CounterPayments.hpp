#pragma once

#include "erp_plugin/plugin.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/StudentReader.hpp"
#include "jodo/erp/StudentStore.hpp"
#include "jodo/students/StudentContext.hpp"

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
    explicit CounterPayments(StudentContext context) : c_(std::move(context)) {}

    // The action push_counter_payments (and the background loop).
    CounterReport push(const ErpFilters& filters);

  private:
    void send(const CounterReceipt& receipt, const std::string& jodo_student_id,
              CounterReport& report);
    // How many payments Jodo lists under the receipt's id, and the amount.
    struct Listed {
        int count = 0;
        Paise amount = 0;
    };
    Listed listed(const CounterRow& row);
    // A lost answer settled: the receipt is in Jodo once (false: another
    // process settled it first).
    bool confirm(const CounterRow& row, Paise amount, CounterReport& report);
    // A lost answer Jodo's list cannot settle: a person looks.
    void flag(const CounterRow& row, int listed, CounterReport& report);
    void resolve(const CounterRow& row, CounterReport& report);
    void cancel(const CounterRow& row, CounterReport& report);
    // A cancelled receipt whose send never got its outcome recorded.
    void cancel_unresolved(const CounterRow& row, CounterReport& report);

    StudentContext c_;
};

}  // namespace jodo
