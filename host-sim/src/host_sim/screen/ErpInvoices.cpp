#include "host_sim/screen/ErpInvoices.hpp"

#include "erp_sql/NativeStatement.hpp"
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

const char* kInvoiceSql =
    "SELECT i.invoice_id, p.name, p.student_name, p.grade, i.description, "
    "i.academic_year_start, i.outstanding_amount, i.jodo_status, i.jodo_order_id, "
    "i.jodo_payment_url, i.jodo_expires_at, i.jodo_paid_at, i.jodo_transaction_id, i.jodo_note, "
    "p.student_id, p.phone, p.email "
    "FROM erp_invoices i JOIN erp_payers p ON p.payer_id = i.payer_id";

ErpInvoice invoice_of(const std::vector<std::optional<std::string>>& r) {
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
    inv.payer_phone = at(r, 15);
    inv.payer_email = at(r, 16);
    return inv;
}

std::vector<std::string> first_column(const erp_sql::NativeRows& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows.rows)
        if (r[0] && !r[0]->empty())
            out.push_back(*r[0]);
    return out;
}

}  // namespace

ErpInvoices::ErpInvoices(const std::string& connection_string) : erp_(connection_string) {}

std::vector<ErpInvoice> ErpInvoices::all() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<ErpInvoice> out;
    for (const auto& r :
         query(erp_.session(), std::string(kInvoiceSql) + " ORDER BY i.invoice_id").rows)
        out.push_back(invoice_of(r));
    return out;
}

std::optional<ErpInvoice> ErpInvoices::find(const std::string& invoice_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto rows =
        query(erp_.session(), std::string(kInvoiceSql) + " WHERE i.invoice_id = ?", {invoice_id});
    if (rows.rows.empty())
        return std::nullopt;
    ErpInvoice inv = invoice_of(rows.rows.front());
    for (const auto& r : query(erp_.session(),
                               "SELECT line_no, fee_component, amount, settlement_utr, settled_at "
                               "FROM erp_invoice_lines WHERE invoice_id = ? ORDER BY line_no",
                               {invoice_id})
                             .rows)
        inv.lines.push_back({at(r, 0), at(r, 1), rupees(at(r, 2)), at(r, 3), at(r, 4)});
    return inv;
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
    return first_column(query(erp_.session(),
                              "SELECT DISTINCT grade FROM erp_payers WHERE grade IS NOT NULL "
                              "ORDER BY grade"));
}

std::vector<std::string> ErpInvoices::academic_years() {
    std::lock_guard<std::mutex> lock(mutex_);
    return first_column(query(erp_.session(),
                              "SELECT DISTINCT academic_year_start FROM erp_invoices WHERE "
                              "academic_year_start IS NOT NULL ORDER BY academic_year_start"));
}

}  // namespace host_sim::screen
