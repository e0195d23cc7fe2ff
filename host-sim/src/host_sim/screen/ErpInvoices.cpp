#include "host_sim/screen/ErpInvoices.hpp"

#include <algorithm>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/NativeStatement.hpp"
#include "host_sim/screen/InvoiceSearch.hpp"
#include "jodo/api/money.hpp"

namespace host_sim::screen {

namespace {

// Read through the driver's own text (NativeStatement), so a long UTF-8 name
// or a DECIMAL is never cut to a byte-sized buffer.
erp_sql::NativeRows query(Poco::Data::Session& session, const std::string& sql,
                          const std::vector<std::string>& values = {}) {
    std::vector<erp_sql::NativeParam> params;
    for (const auto& v : values)
        params.push_back({v, erp_sql::NativeParam::Type::text});
    return erp_sql::NativeStatement(session, sql).run(params);
}

std::string at(const std::vector<std::optional<std::string>>& row, std::size_t i) {
    return row[i].value_or("");
}

std::string rupees(const std::string& text) {
    if (text.empty())
        return text;
    const auto paise = jodo::parse_rupees(text);
    return paise ? jodo::format_rupees(*paise) : text;
}

// "Grade 2 A" before "Grade 10 A": digit runs compare as numbers, as a
// person reads a list of classes.
bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && digit(a[ie]))
                ++ie;
            while (je < b.size() && digit(b[je]))
                ++je;
            const std::string x = a.substr(i, ie - i), y = b.substr(j, je - j);
            if (x.size() != y.size() || x != y)
                return x.size() != y.size() ? x.size() < y.size() : x < y;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

std::vector<std::string> first_column(const erp_sql::NativeRows& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows.rows)
        if (r[0] && !r[0]->empty())
            out.push_back(*r[0]);
    return out;
}

}  // namespace

#define JODO_INVOICE_COLUMNS                                                                      \
    "SELECT i.invoice_id, p.name, COALESCE(i.student_name, p.student_name), p.grade, "            \
    "i.description, "                                                                             \
    "i.academic_year_start, i.outstanding_amount, i.jodo_status, i.jodo_order_id, "               \
    "i.jodo_payment_url, i.jodo_expires_at, i.jodo_paid_at, i.jodo_transaction_id, i.jodo_note, " \
    "p.student_id, i.issued_on, p.phone, p.email "
const char* const kInvoiceColumns = JODO_INVOICE_COLUMNS;
const char* const kInvoiceSelect =
    JODO_INVOICE_COLUMNS "FROM erp_invoices i JOIN erp_payers p ON p.payer_id = i.payer_id";
#undef JODO_INVOICE_COLUMNS

ErpInvoice invoice_of_row(const std::vector<std::optional<std::string>>& r) {
    ErpInvoice inv;
    inv.invoice_id = at(r, 0);
    inv.payer_name = at(r, 1);
    inv.student_name = at(r, 2);
    inv.grade = at(r, 3);
    inv.description = at(r, 4);
    inv.academic_year_start = at(r, 5);
    inv.amount_due = rupees(at(r, 6));
    inv.status = at(r, 7);
    inv.order_id = at(r, 8);
    inv.payment_url = at(r, 9);
    inv.expires_at = at(r, 10);
    inv.paid_at = at(r, 11);
    inv.transaction_id = at(r, 12);
    inv.note = at(r, 13);
    inv.student_id = at(r, 14);
    inv.issued_on = at(r, 15);
    inv.payer_phone = at(r, 16);
    inv.payer_email = at(r, 17);
    return inv;
}

ErpInvoices::ErpInvoices(const std::string& connection_string)
    : erp_(connection_string),
      sqlite_(erp_sql::dialect_of(connection_string) == erp_sql::Dialect::sqlite) {}

std::vector<ErpInvoice> ErpInvoices::all() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<ErpInvoice> out;
    for (const auto& r :
         query(erp_.session(), std::string(kInvoiceSelect) + " ORDER BY i.invoice_id").rows)
        out.push_back(invoice_of_row(r));
    return out;
}

std::optional<ErpInvoice> ErpInvoices::find(const std::string& invoice_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto rows = query(erp_.session(), std::string(kInvoiceSelect) + " WHERE i.invoice_id = ?",
                            {invoice_id});
    if (rows.rows.empty())
        return std::nullopt;
    ErpInvoice inv = invoice_of_row(rows.rows.front());
    for (const auto& r : query(erp_.session(),
                               "SELECT l.line_no, l.fee_component, l.amount, l.settlement_utr, "
                               "l.settled_at, f.fee_name FROM erp_invoice_lines l "
                               "LEFT JOIN erp_fee_heads f ON f.fee_component = l.fee_component "
                               "WHERE l.invoice_id = ? ORDER BY l.line_no",
                               {invoice_id})
                             .rows)
        inv.lines.push_back({at(r, 0), at(r, 1), rupees(at(r, 2)), at(r, 3), at(r, 4), at(r, 5)});
    return inv;
}

InvoiceResults ErpInvoices::search(const InvoiceQuery& query) {
    std::lock_guard<std::mutex> lock(mutex_);
    return search_invoices(erp_.session(), query, sqlite_);
}

std::optional<std::string> ErpInvoices::invoice_of_order(const std::string& order_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto rows = query(
        erp_.session(), "SELECT invoice_id FROM erp_invoices WHERE jodo_order_id = ?", {order_id});
    if (rows.rows.empty() || !rows.rows.front()[0])
        return std::nullopt;
    return rows.rows.front()[0];
}

std::vector<std::string> ErpInvoices::grades() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto grades = first_column(query(erp_.session(),
                                     "SELECT DISTINCT grade FROM erp_payers WHERE grade IS NOT "
                                     "NULL ORDER BY grade"));
    std::stable_sort(grades.begin(), grades.end(), natural_less);
    return grades;
}

std::vector<std::string> ErpInvoices::academic_years() {
    std::lock_guard<std::mutex> lock(mutex_);
    return first_column(query(erp_.session(),
                              "SELECT DISTINCT academic_year_start FROM erp_invoices WHERE "
                              "academic_year_start IS NOT NULL ORDER BY academic_year_start"));
}

std::vector<std::string> ErpInvoices::statuses() {
    std::lock_guard<std::mutex> lock(mutex_);
    return first_column(query(erp_.session(),
                              "SELECT DISTINCT jodo_status FROM erp_invoices WHERE jodo_status IS "
                              "NOT NULL ORDER BY jodo_status"));
}

}  // namespace host_sim::screen
