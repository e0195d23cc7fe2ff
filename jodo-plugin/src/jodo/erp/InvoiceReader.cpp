#include "jodo/erp/InvoiceReader.hpp"

#include "jodo/erp/ErpRow.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

std::optional<Invoice> InvoiceReader::load(const std::string& invoice_id) {
    const erp_sql::NativeRows heads =
        mapping_.query(session_, erp_statement::invoice, {{"invoice_id", invoice_id}});
    if (heads.rows.empty())
        return std::nullopt;
    if (heads.rows.size() > 1)
        throw ErpMappingError(erp_setting_name(erp_statement::invoice) + " returned " +
                              std::to_string(heads.rows.size()) + " rows for invoice " +
                              invoice_id + "; it must return exactly one");
    const ErpRow head(heads, 0, erp_statement::invoice);
    Invoice invoice;
    invoice.invoice_id = invoice_id;
    invoice.payer_name = head.text("payer_name");
    invoice.phone = head.text("phone");
    invoice.email = head.text("email");
    invoice.amount_due = head.amount("amount_due");
    invoice.student_id = head.text("student_id");
    invoice.student_name = head.text("student_name");
    invoice.grade = head.text("grade");
    invoice.description = head.text("description");
    invoice.date_of_birth = head.text("date_of_birth");
    invoice.custom_identifier = head.text("custom_identifier");
    invoice.new_admission = head.flag("new_admission");
    invoice.academic_year_start = head.year("academic_year_start");
    invoice.academic_year_end = head.year("academic_year_end");

    const erp_sql::NativeRows lines =
        mapping_.query(session_, erp_statement::lines, {{"invoice_id", invoice_id}});
    for (std::size_t i = 0; i < lines.rows.size(); ++i) {
        const ErpRow line(lines, i, erp_statement::lines);
        InvoiceLine out;
        out.line_no = line.whole_number("line_no").value_or(int(i) + 1);
        out.fee_component = line.text("component_type");
        out.amount = line.amount("amount");
        invoice.lines.push_back(out);
    }
    return invoice;
}

std::vector<std::string> InvoiceReader::open_invoices(
    const std::vector<std::pair<std::string, std::string>>& filters) {
    const ErpValues values = filter_values(mapping_, erp_statement::open_invoices, filters);
    const erp_sql::NativeRows rows = mapping_.query(session_, erp_statement::open_invoices, values);
    return column_values(rows, "invoice_id");
}

}  // namespace jodo
