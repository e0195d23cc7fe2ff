// What the invoice screen reads from the reference ERP's own tables (host-sim
// is the ERP here): payer, student, what is owed, and the columns the module
// writes back through the `reference` mapping profile.
#pragma once

#include <mutex>
#include <optional>
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
    std::vector<ErpLine> lines;  // only filled by ErpInvoices::find
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

  private:
    std::mutex mutex_;
    ReferenceErp erp_;
};

}  // namespace host_sim::screen
