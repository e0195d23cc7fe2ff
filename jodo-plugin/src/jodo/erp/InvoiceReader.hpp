#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "jodo/erp/Invoice.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"

namespace jodo {

// Reads invoices from the ERP's own tables through the administrator's
// mapping (jodo.erp.invoice, jodo.erp.lines, jodo.erp.open_invoices).
// Read-only.
class InvoiceReader {
  public:
    InvoiceReader(Poco::Data::Session& session, const ErpMapping& mapping)
        : session_(session), mapping_(mapping) {}

    // nullopt when there is no such invoice. Throws WireError naming the
    // column whose value cannot be used, ErpMappingError when the mapping
    // returns more than one invoice row.
    std::optional<Invoice> load(const std::string& invoice_id);

    // The invoices a bulk collection considers, filtered by `filters` (the
    // bulk action's request parameters, bound to the statement's placeholders
    // of the same name). Throws ErpMappingError for a filter the statement
    // does not use, so a filter is never silently ignored.
    std::vector<std::string> open_invoices(
        const std::vector<std::pair<std::string, std::string>>& filters);

  private:
    Poco::Data::Session& session_;
    const ErpMapping& mapping_;
};

}  // namespace jodo
