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
};

struct ErpInvoice {
    std::string invoice_id, payer_name, student_name, grade, description, academic_year_start,
        amount_due, status, order_id, payment_url, expires_at, paid_at, transaction_id, note,
        student_id;
    std::string payer_phone, payer_email;  // for passing a payment link on
    std::vector<ErpLine> lines;            // only filled by ErpInvoices::find
};

// Thread-safe: one ERP session, used by one request at a time.
class ErpInvoices {
  public:
    explicit ErpInvoices(const std::string& connection_string);

    std::vector<ErpInvoice> all();
    std::optional<ErpInvoice> find(const std::string& invoice_id);
    // The invoice whose Jodo order this is (the return from checkout names the order).
    std::optional<std::string> invoice_of_order(const std::string& order_id);
    // The values bulk collection can filter by, as the ERP holds them.
    std::vector<std::string> grades();
    std::vector<std::string> academic_years();

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
};

}  // namespace host_sim::screen
