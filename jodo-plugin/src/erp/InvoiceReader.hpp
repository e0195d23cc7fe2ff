#pragma once

#include <optional>
#include <string>

#include <Poco/Data/Session.h>

#include "erp/Invoice.hpp"

namespace jodo {

// Reads invoices from the ERP's tables (erp_invoices, erp_invoice_lines,
// erp_payers; see sql/<dialect>/erp). Read-only: the plugin never writes there.
class InvoiceReader {
  public:
    explicit InvoiceReader(Poco::Data::Session& session) : session_(session) {}

    // nullopt when there is no such invoice. Throws WireError naming the line
    // whose amount is not a decimal.
    std::optional<Invoice> load(const std::string& invoice_id);

    // Invoices that have no collection holding them and were never refused.
    std::vector<std::string> uncollected(int limit);

  private:
    Poco::Data::Session& session_;
};

}  // namespace jodo
