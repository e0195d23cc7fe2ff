#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

const std::vector<std::string>& write_back_parameters() {
    static const std::vector<std::string> names = {
        "invoice_id",     "collection_id", "kind",           "order_id",       "redirect_url",
        "expires_at",     "status",        "amount",         "paid_amount",    "paid_at",
        "transaction_id", "line_no",       "component_type", "settlement_utr", "settled_at",
        "reason",         "payment_json"};
    return names;
}

const std::vector<ErpStatementSpec>& erp_statement_specs() {
    static const std::vector<ErpStatementSpec> specs = {
        {erp_statement::invoice,
         true,
         true,
         {"invoice_id", "payer_name", "phone", "email", "amount_due"},
         {"student_id", "student_name", "grade", "academic_year_start", "academic_year_end",
          "date_of_birth", "custom_identifier", "new_admission", "description"},
         {"invoice_id"},
         false},
        {erp_statement::lines,
         true,
         true,
         {"component_type", "amount"},
         {"line_no"},
         {"invoice_id"},
         false},
        {erp_statement::open_invoices, true, true, {"invoice_id"}, {}, {}, true},
        {erp_statement::on_order, false, false, {}, {}, write_back_parameters(), false},
        {erp_statement::on_status, false, false, {}, {}, write_back_parameters(), false},
        {erp_statement::on_paid, false, false, {}, {}, write_back_parameters(), false},
        {erp_statement::on_settled, false, false, {}, {}, write_back_parameters(), false},
    };
    return specs;
}

const ErpStatementSpec* find_erp_statement(const std::string& name) {
    for (const auto& spec : erp_statement_specs())
        if (spec.name == name)
            return &spec;
    return nullptr;
}

bool is_amount_parameter(const std::string& name) {
    return name == "amount" || name == "paid_amount";
}

bool is_integer_parameter(const std::string& name) {
    return name == "line_no";
}

}  // namespace jodo
