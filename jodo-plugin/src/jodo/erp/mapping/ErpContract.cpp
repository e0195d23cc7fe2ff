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

const std::vector<std::string>& student_write_back_parameters() {
    static const std::vector<std::string> names = {"student_id",
                                                   "jodo_student_id",
                                                   "registration_id",
                                                   "payment_id",
                                                   "amount",
                                                   "paid_at",
                                                   "mode",
                                                   "product",
                                                   "advance_amount",
                                                   "line_no",
                                                   "component_type",
                                                   "invoice_id",
                                                   "invoice_line_no",
                                                   "settlement_utr",
                                                   "settled_at",
                                                   "receipt_id",
                                                   "status",
                                                   "reason"};
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
        {erp_statement::students, true, false, {"student_id"}, {}, {}, true},
        {erp_statement::student,
         true,
         false,
         {"student_id", "registration_id", "fullname", "grade", "academic_year_start",
          "academic_year_end", "date_of_birth", "primary_contact_name", "primary_contact_number",
          "primary_contact_email"},
         {"new_admission"},
         {"student_id"},
         false},
        {erp_statement::student_fees,
         true,
         false,
         {"component_type", "fee_amount"},
         {"discount_type", "discount_value"},
         {"student_id"},
         false},
        {erp_statement::student_open_bills,
         true,
         false,
         {"invoice_id", "component_type", "amount_due"},
         {"line_no"},
         {"student_id"},
         false},
        {erp_statement::counter_payments,
         true,
         false,
         {"receipt_id", "student_id", "amount", "paid_at"},
         {"mode", "settlement_utr", "notes"},
         {},
         true},
        {erp_statement::counter_payment_lines,
         true,
         false,
         {"component_type", "amount"},
         {},
         {"receipt_id"},
         false},
        {erp_statement::cancelled_counter_payments, true, false, {"receipt_id"}, {}, {}, true},
        {erp_statement::on_student_registered,
         false,
         false,
         {},
         {},
         student_write_back_parameters(),
         false},
        {erp_statement::on_student_payment,
         false,
         false,
         {},
         {},
         student_write_back_parameters(),
         false},
        {erp_statement::on_student_payment_line,
         false,
         false,
         {},
         {},
         student_write_back_parameters(),
         false},
        {erp_statement::on_student_payment_settled,
         false,
         false,
         {},
         {},
         student_write_back_parameters(),
         false},
        {erp_statement::on_counter_payment,
         false,
         false,
         {},
         {},
         student_write_back_parameters(),
         false},
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
    return name == "amount" || name == "paid_amount" || name == "advance_amount";
}

bool is_integer_parameter(const std::string& name) {
    return name == "line_no" || name == "invoice_line_no";
}

}  // namespace jodo
