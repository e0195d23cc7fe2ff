#include "jodo/erp/StudentReader.hpp"

#include <cctype>
#include <map>

#include "jodo/api/wire_error.hpp"
#include "jodo/erp/ErpRow.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
// Amounts Jodo is told: never negative.
Paise positive_amount(const ErpRow& row, const std::string& column) {
    const Paise paise = row.amount(column);
    if (paise < 0)
        throw WireError(row.where(column), "is negative");
    return paise;
}
// Add Payment takes an ISO 8601 instant. An ERP keeps a receipt's date, or a
// DATETIME without a zone, in the school's own time: India's, +05:30
// (docs/jodo-choices.md). A value with a zone is sent as it is.
std::string paid_at_instant(const ErpRow& row, const std::string& column) {
    std::string text = row.text(column);
    auto digits = [&text](std::size_t from, std::size_t count) {
        for (std::size_t i = from; i < from + count; ++i)
            if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
                return false;
        return true;
    };
    const bool date = digits(0, 4) && text.size() >= 10 && text[4] == '-' && digits(5, 2) &&
                      text[7] == '-' && digits(8, 2);
    if (!date)
        throw WireError(row.where(column),
                        "\"" + text + "\" is not a date or time (YYYY-MM-DD...)");
    if (text.size() == 10)
        return text + "T00:00:00+05:30";
    if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || !digits(11, 2) ||
        text[13] != ':' || !digits(14, 2) || text[16] != ':' || !digits(17, 2))
        throw WireError(row.where(column),
                        "\"" + text + "\" is not a date or time (YYYY-MM-DD...)");
    text[10] = 'T';
    std::string rest = text.substr(19);
    if (!rest.empty() && rest[0] == '.') {
        std::size_t end = 1;
        while (end < rest.size() && std::isdigit(static_cast<unsigned char>(rest[end])))
            ++end;
        rest = rest.substr(end);
    }
    return text.substr(0, 19) + (rest.empty() ? "+05:30" : rest);
}
}  // namespace

void StudentReader::require(const std::string& statement) const {
    if (!mapping_.has(statement))
        throw ErpMappingError(erp_setting_name(statement) +
                              " is not set: the ERP mapping (profile \"" + mapping_.profile() +
                              "\") has no students for Jodo's student-linked Pay");
}

std::vector<std::string> StudentReader::student_ids(const ErpFilters& filters) {
    require(erp_statement::students);
    return column_values(mapping_.query(session_, erp_statement::students,
                                        filter_values(mapping_, erp_statement::students, filters)),
                         "student_id");
}

std::optional<ErpStudent> StudentReader::load(const std::string& student_id) {
    require(erp_statement::student);
    erp_key(student_id, erp_setting_name(erp_statement::students) + " column student_id");
    const erp_sql::NativeRows heads =
        mapping_.query(session_, erp_statement::student, {{"student_id", student_id}});
    if (heads.rows.empty())
        return std::nullopt;
    if (heads.rows.size() > 1)
        throw ErpMappingError(erp_setting_name(erp_statement::student) + " returned " +
                              std::to_string(heads.rows.size()) + " rows for student " +
                              student_id + "; it must return exactly one");
    const ErpRow head(heads, 0, erp_statement::student);
    ErpStudent s;
    s.student_id = student_id;
    s.registration_id = head.text("registration_id");
    if (s.registration_id.empty())
        throw WireError(head.where("registration_id"), "is empty (the family Jodo registers)");
    StudentProfile& p = s.profile;
    p.fullname = head.text("fullname");
    p.identifier = student_id;
    p.grade = head.text("grade");
    p.new_admission = head.flag("new_admission").value_or(false);
    const auto start = head.year("academic_year_start");
    const auto end = head.year("academic_year_end");
    p.academic_year_start = start ? std::to_string(*start) : "";
    p.academic_year_end = end ? std::to_string(*end) : "";
    p.date_of_birth = head.text("date_of_birth");
    p.primary_contact_name = head.text("primary_contact_name");
    p.primary_contact_number = head.text("primary_contact_number");
    p.primary_contact_email = head.text("primary_contact_email");
    for (const auto& [value, column] : {std::pair{&p.fullname, "fullname"},
                                        {&p.grade, "grade"},
                                        {&p.academic_year_start, "academic_year_start"},
                                        {&p.academic_year_end, "academic_year_end"},
                                        {&p.date_of_birth, "date_of_birth"},
                                        {&p.primary_contact_name, "primary_contact_name"},
                                        {&p.primary_contact_number, "primary_contact_number"}})
        if (value->empty())
            throw WireError(head.where(column), "is empty (Register Student requires it)");
    if (p.date_of_birth.size() > 10)
        p.date_of_birth = p.date_of_birth.substr(0, 10);  // a DATETIME's date

    if (mapping_.has(erp_statement::student_fees)) {
        const erp_sql::NativeRows rows =
            mapping_.query(session_, erp_statement::student_fees, {{"student_id", student_id}});
        std::map<std::string, std::size_t> at;  // component -> index in fees
        for (std::size_t i = 0; i < rows.rows.size(); ++i) {
            const ErpRow row(rows, i, erp_statement::student_fees);
            const std::string component = row.text("component_type");
            if (component.empty())
                throw WireError(row.where("component_type"), "is empty");
            auto [it, fresh] = at.emplace(component, s.fees.size());
            if (fresh)
                s.fees.push_back({component, positive_amount(row, "fee_amount"), {}});
            if (const std::string type = row.text("discount_type"); !type.empty())
                s.fees[it->second].discounts.push_back(
                    {type, positive_amount(row, "discount_value")});
        }
    }
    return s;
}

std::vector<OpenBill> StudentReader::open_bills(const std::string& student_id) {
    std::vector<OpenBill> bills;
    if (!mapping_.has(erp_statement::student_open_bills))
        return bills;
    const erp_sql::NativeRows rows =
        mapping_.query(session_, erp_statement::student_open_bills, {{"student_id", student_id}});
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        const ErpRow row(rows, i, erp_statement::student_open_bills);
        OpenBill bill{row.text("invoice_id"), row.whole_number("line_no"),
                      row.text("component_type"), row.amount("amount_due")};
        if (bill.amount_due > 0 && !bill.invoice_id.empty())
            bills.push_back(std::move(bill));
    }
    return bills;
}

std::vector<CounterReceipt> StudentReader::counter_receipts(const ErpFilters& filters) {
    require(erp_statement::counter_payments);
    require(erp_statement::counter_payment_lines);
    const erp_sql::NativeRows rows =
        mapping_.query(session_, erp_statement::counter_payments,
                       filter_values(mapping_, erp_statement::counter_payments, filters));
    std::vector<CounterReceipt> receipts;
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        const ErpRow row(rows, i, erp_statement::counter_payments);
        CounterReceipt r;
        r.receipt_id = row.key("receipt_id");
        r.student_id = row.key("student_id");
        r.amount = positive_amount(row, "amount");
        r.paid_at = paid_at_instant(row, "paid_at");
        r.mode = row.text("mode");
        r.settlement_utr = row.text("settlement_utr");
        r.notes = row.text("notes");
        receipts.push_back(std::move(r));
    }
    return receipts;
}

std::vector<StudentPaymentLine> StudentReader::counter_receipt_lines(
    const std::string& receipt_id) {
    require(erp_statement::counter_payment_lines);
    const erp_sql::NativeRows rows = mapping_.query(session_, erp_statement::counter_payment_lines,
                                                    {{"receipt_id", receipt_id}});
    std::vector<StudentPaymentLine> lines;
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        const ErpRow line(rows, i, erp_statement::counter_payment_lines);
        lines.push_back({line.text("component_type"), positive_amount(line, "amount"), "", ""});
    }
    return lines;
}

std::vector<std::string> StudentReader::cancelled_receipt_ids(const ErpFilters& filters) {
    if (!mapping_.has(erp_statement::cancelled_counter_payments))
        return {};
    // The push's filters are counter_payments'; this statement may use fewer.
    ErpValues values;
    for (const auto& name : mapping_.parameters_of(erp_statement::cancelled_counter_payments))
        for (const auto& [key, value] : filters)
            if (key == name)
                values[name] = value;
    return column_values(
        mapping_.query(session_, erp_statement::cancelled_counter_payments, values), "receipt_id");
}

}  // namespace jodo
