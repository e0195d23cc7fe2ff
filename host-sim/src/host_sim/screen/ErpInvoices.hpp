// What the invoice screen reads from the reference ERP's own tables (host-sim
// is the ERP here): payer, student, what is owed, and the columns the module
// writes back through the `reference` mapping profile.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "host_sim/erp/ReferenceErp.hpp"

namespace host_sim::screen {

struct ErpLine {
    std::string line_no, fee_component, amount, settlement_utr, settled_at;
    std::string fee_name;  // the ERP's name for the fee code (erp_fee_heads); empty if none
};

struct ErpInvoice {
    std::string invoice_id, payer_name, student_name, grade, description, academic_year_start,
        amount_due, status, order_id, payment_url, expires_at, paid_at, transaction_id, note,
        student_id, issued_on;
    std::string payer_phone, payer_email;  // for passing a payment link on
    std::vector<ErpLine> lines;            // only filled by ErpInvoices::find
};

struct InvoiceQuery;
struct InvoiceResults;

// The SELECT every invoice reader starts from (invoice i JOIN payer p), its
// column list alone (for another FROM), and one of its rows (amounts as exact
// decimal text).
extern const char* const kInvoiceSelect;
extern const char* const kInvoiceColumns;
ErpInvoice invoice_of_row(const std::vector<std::optional<std::string>>& row);

// Thread-safe: one ERP session, used by one request at a time.
class ErpInvoices {
  public:
    explicit ErpInvoices(const std::string& connection_string);

    std::vector<ErpInvoice> all();
    // One page of the invoice list (InvoiceSearch.hpp).
    InvoiceResults search(const InvoiceQuery& query);
    std::optional<ErpInvoice> find(const std::string& invoice_id);
    // The invoice whose Jodo order this is (the return from checkout names the order).
    std::optional<std::string> invoice_of_order(const std::string& order_id);
    // The values bulk collection can filter by, as the ERP holds them.
    std::vector<std::string> grades();
    std::vector<std::string> academic_years();
    // The Jodo statuses the module has written back so far.
    std::vector<std::string> statuses();

    // Bulk collection (ErpBulkQueries.cpp), with the filter semantics of the
    // reference profile's jodo.erp.open_invoices, which collect_all runs:
    // something still owed, of this class, of this year when one is given.
    struct OpenTotal {
        std::int64_t count = 0;
        std::int64_t paise = 0;
    };
    OpenTotal open_total(const std::string& grade, const std::string& academic_year_start);
    std::vector<std::string> open_ids(const std::string& grade,
                                      const std::string& academic_year_start);
    // These invoices of the class (and year) as they stand now, in id order.
    std::vector<ErpInvoice> of_class(const std::string& grade,
                                     const std::string& academic_year_start,
                                     const std::set<std::string>& ids);

  private:
    std::mutex mutex_;
    ReferenceErp erp_;
    bool sqlite_;  // its LIKE ignores ASCII case
};

}  // namespace host_sim::screen
