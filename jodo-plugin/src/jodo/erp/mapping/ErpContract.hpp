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
// Student-linked Pay (all optional: without `student` the student actions
// answer that the ERP mapping has no students).
inline const std::string students = "students";
inline const std::string student = "student";
inline const std::string student_fees = "student_fees";
inline const std::string student_open_bills = "student_open_bills";
inline const std::string counter_payments = "counter_payments";
inline const std::string counter_payment_lines = "counter_payment_lines";
inline const std::string cancelled_counter_payments = "cancelled_counter_payments";
inline const std::string on_student_registered = "on_student_registered";
inline const std::string on_student_payment = "on_student_payment";
inline const std::string on_student_payment_line = "on_student_payment_line";
inline const std::string on_student_payment_settled = "on_student_payment_settled";
inline const std::string on_counter_payment = "on_counter_payment";
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
// Every parameter a student write-back (on_student_*, on_counter_payment) may use.
const std::vector<std::string>& student_write_back_parameters();

const std::vector<ErpStatementSpec>& erp_statement_specs();
const ErpStatementSpec* find_erp_statement(const std::string& name);

// Parameters that carry amounts (bound as exact decimals) or whole numbers.
bool is_amount_parameter(const std::string& name);
bool is_integer_parameter(const std::string& name);

}  // namespace jodo
