#include "jodo/erp/InvoiceReader.hpp"

#include <algorithm>
#include <cctype>

#include "jodo/api/outbound_text.hpp"
#include "jodo/api/wire_error.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

class Row {
  public:
    Row(const erp_sql::NativeRows& rows, std::size_t index, std::string statement)
        : rows_(rows), index_(index), statement_(std::move(statement)) {}

    std::optional<std::string> get(const std::string& column) const {
        const int at = rows_.index_of(column);
        if (at < 0)
            return std::nullopt;
        return rows_.rows[index_][std::size_t(at)];
    }
    // Every text column passes the one rule for text sent to Jodo
    // (outbound_text): what cannot be sent is refused naming the column.
    std::string text(const std::string& column) const {
        std::string reason;
        const auto clean = outbound_text(get(column).value_or(""), &reason);
        if (!clean)
            throw WireError(where(column), reason);
        return trimmed(*clean);
    }
    Paise amount(const std::string& column) const {
        const std::string value = text(column);
        std::string reason;
        // Signed: a concession line is negative, and an overpaid bill owes
        // less than nothing; the validator refuses what cannot be collected.
        auto paise = parse_signed_rupees(value, &reason);
        if (!paise)
            throw WireError(where(column), "\"" + value + "\" " + reason);
        return *paise;
    }
    std::optional<int> year(const std::string& column) const {
        const std::string value = text(column);
        if (value.empty())
            return std::nullopt;
        if (value.size() != 4 || !std::all_of(value.begin(), value.end(), ::isdigit))
            throw WireError(where(column), "\"" + value + "\" is not a year");
        return std::stoi(value);
    }
    std::optional<bool> flag(const std::string& column) const {
        std::string value = text(column);
        std::transform(value.begin(), value.end(), value.begin(), ::tolower);
        if (value.empty())
            return std::nullopt;
        if (value == "1" || value == "true" || value == "t" || value == "yes" || value == "y")
            return true;
        if (value == "0" || value == "false" || value == "f" || value == "no" || value == "n")
            return false;
        throw WireError(where(column), "\"" + value + "\" is not true or false");
    }
    std::string where(const std::string& column) const {
        return kErpSettingPrefix + statement_ + " column " + column;
    }

  private:
    const erp_sql::NativeRows& rows_;
    std::size_t index_;
    std::string statement_;
};
}  // namespace

std::optional<Invoice> InvoiceReader::load(const std::string& invoice_id) {
    const erp_sql::NativeRows heads =
        mapping_.query(session_, erp_statement::invoice, {{"invoice_id", invoice_id}});
    if (heads.rows.empty())
        return std::nullopt;
    if (heads.rows.size() > 1)
        throw ErpMappingError(erp_setting_name(erp_statement::invoice) + " returned " +
                              std::to_string(heads.rows.size()) + " rows for invoice " +
                              invoice_id + "; it must return exactly one");
    const Row head(heads, 0, erp_statement::invoice);
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
        const Row line(lines, i, erp_statement::lines);
        InvoiceLine out;
        out.line_no = int(i) + 1;
        if (const std::string no = line.text("line_no"); !no.empty()) {
            if (no.size() > 9 || !std::all_of(no.begin(), no.end(), ::isdigit))
                throw WireError(line.where("line_no"), "\"" + no + "\" is not a whole number");
            out.line_no = std::stoi(no);
        }
        out.fee_component = line.text("component_type");
        out.amount = line.amount("amount");
        invoice.lines.push_back(out);
    }
    return invoice;
}

std::vector<std::string> InvoiceReader::open_invoices(
    const std::vector<std::pair<std::string, std::string>>& filters) {
    const std::vector<std::string> used = mapping_.parameters_of(erp_statement::open_invoices);
    ErpValues values;
    for (const auto& [name, value] : filters) {
        if (std::find(used.begin(), used.end(), name) == used.end()) {
            std::string known;
            for (const auto& u : used)
                known += (known.empty() ? ":" : ", :") + u;
            throw ErpMappingError(
                "filter \"" + name + "\" is not used by " +
                erp_setting_name(erp_statement::open_invoices) +
                (known.empty() ? " (it takes no filters)" : " (it takes " + known + ")"));
        }
        values[name] = value;
    }
    const erp_sql::NativeRows rows = mapping_.query(session_, erp_statement::open_invoices, values);
    std::vector<std::string> ids;
    const int at = rows.index_of("invoice_id");
    for (const auto& row : rows.rows)
        if (row[std::size_t(at)] && !row[std::size_t(at)]->empty())
            ids.push_back(*row[std::size_t(at)]);
    return ids;
}

}  // namespace jodo
