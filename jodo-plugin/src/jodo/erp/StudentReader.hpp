#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/Data/Session.h>

#include "jodo/erp/StudentRecords.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"

namespace jodo {

using ErpFilters = std::vector<std::pair<std::string, std::string>>;

// Reads the ERP's students, fee structures, open bills and counter receipts
// through the administrator's mapping. Read-only. A value that cannot be used
// is a WireError naming the setting and column; a statement the mapping
// lacks is an ErpMappingError naming the setting.
class StudentReader {
  public:
    StudentReader(Poco::Data::Session& session, const ErpMapping& mapping)
        : session_(session), mapping_(mapping) {}

    // The ERP student ids a sync considers (jodo.erp.students), filtered.
    std::vector<std::string> student_ids(const ErpFilters& filters);
    // nullopt when the ERP has no such (active) student.
    std::optional<ErpStudent> load(const std::string& student_id);
    std::vector<OpenBill> open_bills(const std::string& student_id);

    // Receipts taken at the school and not cancelled, without their lines
    // (most were sent long ago: the lines are read only for one being sent).
    std::vector<CounterReceipt> counter_receipts(const ErpFilters& filters);
    std::vector<StudentPaymentLine> counter_receipt_lines(const std::string& receipt_id);
    std::vector<std::string> cancelled_receipt_ids(const ErpFilters& filters);

  private:
    void require(const std::string& statement) const;

    Poco::Data::Session& session_;
    const ErpMapping& mapping_;
};

}  // namespace jodo
