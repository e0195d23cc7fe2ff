#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "erp_sql/NativeStatement.hpp"
#include "jodo/api/money.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"

namespace jodo {

// One row an ERP mapping query returned, read as the module reads every ERP
// value: text passes the one rule for text sent to Jodo (outbound_text), and
// a value that cannot be used is a WireError naming the setting and column.
// What the module's tables keep of an ERP id (invoice, student, receipt).
constexpr std::size_t kErpKeyChars = 140;
// `id` when it can be such a key, else a WireError naming `where`.
std::string erp_key(std::string id, const std::string& where);

class ErpRow {
  public:
    ErpRow(const erp_sql::NativeRows& rows, std::size_t index, std::string statement)
        : rows_(rows), index_(index), statement_(std::move(statement)) {}

    std::optional<std::string> get(const std::string& column) const;
    std::string text(const std::string& column) const;  // trimmed; "" for NULL
    // An ERP id the module keeps as a key (VARCHAR(140) in its tables): empty
    // or longer is a WireError, never a key some database silently cut short
    // into another record's.
    std::string key(const std::string& column) const;
    // Signed: a concession line is negative, and an overpaid bill owes less
    // than nothing; callers refuse what they cannot use.
    Paise amount(const std::string& column) const;
    std::optional<int> year(const std::string& column) const;
    std::optional<bool> flag(const std::string& column) const;
    std::optional<int> whole_number(const std::string& column) const;
    // "jodo.erp.<statement> column <column>".
    std::string where(const std::string& column) const;

  private:
    const erp_sql::NativeRows& rows_;
    std::size_t index_;
    std::string statement_;
};

// The values of a statement that takes the batch action's request parameters
// (open_invoices, students, counter_payments): each filter must be a
// placeholder the statement uses, else ErpMappingError, so a filter is never
// silently ignored. The parameter `job` names a run and is never a filter.
ErpValues filter_values(const ErpMapping& mapping, const std::string& statement,
                        const std::vector<std::pair<std::string, std::string>>& filters);

// The non-empty values of `column`, in row order.
std::vector<std::string> column_values(const erp_sql::NativeRows& rows, const std::string& column);

}  // namespace jodo
