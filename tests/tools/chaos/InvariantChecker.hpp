// After a chaos run: proves from the ERP database (read through ODBC) and from
// Jodo's own view of its orders that nothing was lost, doubled or left hanging.
//
//  (i)   every order Jodo reports paid is paid (settled when Jodo settled it,
//        same transaction id and UTRs) on the collection that holds that order
//        id; an order the database never learned of is tolerated only when the
//        collection it was made for (Jodo's notes name it) is 'unknown' with a
//        reason or 'abandoned': "unresolved, flagged", never "lost". Every
//        collection the database shows paid is paid at Jodo.
//  (ii)  per paid collection the database's paid line amounts equal Jodo's,
//        line by line and in total; Jodo's total paid equals the database's
//        plus the unresolved ones. All in integer paise, parsed from the
//        DECIMAL text the driver returns (never a float).
//  (iii) no invoice has two active collections (not trusting the index), two
//        paid collections, two orders at Jodo or two payable (unpaid at Jodo)
//        orders, unless a collection of that invoice is flagged for review.
//  (iv)  nothing is non-final without a reason: no 'creating' row at all, no
//        'unknown' / 'failed' / 'rejected' row without error_reason or
//        review_reason, and no invoice that was never collected.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chaos {

using Paise = std::int64_t;

// One order as Jodo holds it (the sandbox's view, or hand-made in tests).
struct JodoOrderView {
    struct Line {
        Paise amount = 0;
        std::string settlement_utr;  // empty until settled
    };
    std::string order_id;
    std::string status;         // unpaid | paid | expired | cancelled
    std::string invoice_id;     // Jodo's "identifier": our invoice number
    std::string collection_id;  // notes erp_collection_id; empty when absent
    std::string transaction_id;
    std::vector<Line> lines;

    Paise total() const;
    bool settled() const;  // paid and every line carries a UTR
};

struct Violation {
    std::string invariant;  // "i", "ii", "iii", "iv"
    std::string invoice_id;
    std::string detail;
};

struct InvariantReport {
    int invoices = 0;
    int collections = 0;
    std::map<std::string, int> statuses;  // collections per status
    int jodo_orders = 0;
    int jodo_paid = 0;
    int jodo_settled = 0;
    int paid_reflected = 0;  // paid at Jodo and paid/settled in the database
    int unresolved_flagged = 0;
    std::vector<std::string> unresolved_invoices;
    int untracked_unpaid = 0;  // unpaid orders the database never learned of (flagged)
    int lost = 0;              // paid at Jodo, not reflected, not flagged
    int unknown_invoices = 0;  // held by an 'unknown' collection: a person must look
    Paise jodo_paid_total = 0;
    Paise db_paid_total = 0;
    Paise unresolved_total = 0;
    std::vector<Violation> violations;

    bool ok() const { return violations.empty(); }
    int violations_of(const std::string& invariant) const;
};

class InvariantChecker {
  public:
    // Looks at the invoices whose id starts with `invoice_prefix` and at
    // their collections.
    InvariantChecker(std::string odbc_connection_string, std::string invoice_prefix);

    InvariantReport check(const std::vector<JodoOrderView>& jodo) const;

  private:
    std::string connection_string_;
    std::string prefix_;
};

// Human-readable: one line per invariant, then each violation with its invoice.
std::string format_invariant_report(const InvariantReport& report);

}  // namespace chaos
