#pragma once

#include <string>
#include <vector>

namespace jodo {

// The public configuration contract of the ERP mapping: statement names
// (settings "jodo.erp.<name>"), the result columns each query returns and the
// parameters each statement may use. Configurations written outside this
// repository depend on these names: add, never rename or remove
// (jodo-plugin/README.md documents them).
namespace erp_statement {
inline const std::string invoice = "invoice";
inline const std::string lines = "lines";
inline const std::string open_invoices = "open_invoices";
inline const std::string on_order = "on_order";
inline const std::string on_status = "on_status";
inline const std::string on_paid = "on_paid";
inline const std::string on_settled = "on_settled";
}  // namespace erp_statement

inline const std::string kErpSettingPrefix = "jodo.erp.";

struct ErpStatementSpec {
    std::string name;
    bool query = false;     // returns rows the module reads
    bool required = false;  // must come from the profile or the settings
    std::vector<std::string> required_columns;
    std::vector<std::string> optional_columns;
    // Placeholders it may use; empty with `any_parameter` = whatever the
    // caller passes (open_invoices takes the bulk action's request parameters).
    std::vector<std::string> parameters;
    bool any_parameter = false;
};

// Every parameter a write-back statement may use.
const std::vector<std::string>& write_back_parameters();

const std::vector<ErpStatementSpec>& erp_statement_specs();
const ErpStatementSpec* find_erp_statement(const std::string& name);

// Parameters that carry amounts (bound as exact decimals) or whole numbers.
bool is_amount_parameter(const std::string& name);
bool is_integer_parameter(const std::string& name);

}  // namespace jodo
