#include "host_sim/erp/ReferenceErp.hpp"

#include "erp_sql/NullableText.hpp"
#include "erp_sql/OpenOdbcSession.hpp"

#include <map>
#include <sstream>

#include <Poco/Nullable.h>
#include <Poco/Tuple.h>

#include "erp_sql/Migrator.hpp"
#include "erp_sql/TextParam.hpp"
#include "erp_sql/Transaction.hpp"
#include "jodo/api/money.hpp"

using namespace Poco::Data::Keywords;

namespace host_sim {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::or_empty;
using erp_sql::text_or_null;

Poco::Data::Session open(const std::string& connection_string) {
    erp_sql::OdbcSessionOptions options;
    options.max_field_size = erp_sql::kMaxFieldSize;
    return erp_sql::open_odbc_session(connection_string, options);
}
}  // namespace

ReferenceErp::ReferenceErp(const std::string& connection_string)
    : session_(open(connection_string)), connection_string_(connection_string) {}

void ReferenceErp::migrate() {
    erp_sql::Migrator(session_, erp_sql::dialect_of(connection_string_), "erp").migrate();
    // An invoice written without its student's name (by hand, or by a tool
    // that predates migration 005) takes its payer's, so that it sorts where
    // the list shows it. The index makes finding none cheap.
    session_ << "UPDATE erp_invoices SET student_name = (SELECT p.student_name FROM erp_payers p "
                "WHERE p.payer_id = erp_invoices.payer_id) WHERE student_name IS NULL",
        now;
    // The school's names for its fee codes (the screen shows these; the codes
    // go to Jodo). Added when missing, never changed: a school renames its own.
    static const std::pair<const char*, const char*> kFeeHeads[] = {
        {"TUITION_FEE", "Tuition fee"},        {"TRANSPORT_FEE", "School bus"},
        {"LAB_FEE", "Science laboratory fee"}, {"ADMISSION_FEE", "Admission fee"},
        {"EVENT_FEE", "Annual day"},           {"EXAM_FEE", "Examination fee"},
        {"LIBRARY_FEE", "Library fee"},        {"SPORTS_FEE", "Sports and games"},
        {"COMPUTER_FEE", "Computer lab fee"},  {"MEALS_FEE", "Midday meals"}};
    for (const auto& [code_text, name_text] : kFeeHeads) {
        std::string code = code_text, name = name_text;
        int exists = 0;
        session_ << "SELECT COUNT(*) FROM erp_fee_heads WHERE fee_component = ?", use(code),
            into(exists), now;
        if (exists == 0)
            session_ << "INSERT INTO erp_fee_heads (fee_component, fee_name) VALUES (?, ?)",
                use(code), use(name), now;
    }
}

void ReferenceErp::add_invoice(const SampleInvoice& invoice) {
    add_invoices({invoice});
}

void ReferenceErp::add_invoices(const std::vector<SampleInvoice>& invoices) {
    erp_sql::Transaction tx(session_);
    for (const auto& inv : invoices) {
        std::string invoice_id = inv.invoice_id, payer_id = inv.payer_id, name = inv.payer_name,
                    description = inv.description;
        Text phone = text_or_null(inv.phone), email = text_or_null(inv.email),
             student = text_or_null(inv.student_name), grade = text_or_null(inv.grade),
             student_id =
                 text_or_null(inv.student_id.empty() ? "S-" + inv.payer_id : inv.student_id);
        // What is owed: the lines less what receipts already hold (an
        // invoice changed after a part payment still owes only the rest).
        jodo::Paise total = 0;
        for (const auto& line : inv.lines)
            total += jodo::parse_rupees(line.amount).value_or(0);
        std::vector<std::string> receipts;
        session_ << "SELECT amount FROM erp_receipts WHERE invoice_id = ?", use(invoice_id),
            into(receipts), now;
        for (const auto& r : receipts)
            total -= jodo::parse_rupees(r).value_or(0);
        std::string outstanding =
            inv.outstanding.empty() ? jodo::format_rupees(total) : inv.outstanding;
        session_ << "DELETE FROM erp_invoice_lines WHERE invoice_id = ?", use(invoice_id), now;
        int exists = 0;
        session_ << "SELECT COUNT(*) FROM erp_payers WHERE payer_id = ?", use(payer_id),
            into(exists), now;
        if (exists == 0)
            session_ << "INSERT INTO erp_payers (payer_id, name, phone, email, student_name, "
                        "grade, student_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                use(payer_id), use(name), use(phone), use(email), use(student), use(grade),
                use(student_id), now;
        else {
            session_ << "UPDATE erp_payers SET name = ?, phone = ?, email = ?, student_name = ?, "
                        "grade = ?, student_id = ? WHERE payer_id = ?",
                use(name), use(phone), use(email), use(student), use(grade), use(student_id),
                use(payer_id), now;
            // A renamed student reads the same on all of the payer's invoices
            // (the list searches and sorts by the invoice's copy).
            session_ << "UPDATE erp_invoices SET student_name = ? WHERE payer_id = ?", use(student),
                use(payer_id), now;
        }
        int start = 2026, end = 2027;
        int invoice_exists = 0;
        session_ << "SELECT COUNT(*) FROM erp_invoices WHERE invoice_id = ?", use(invoice_id),
            into(invoice_exists), now;
        if (invoice_exists == 0)
            session_ << "INSERT INTO erp_invoices (invoice_id, payer_id, student_name, "
                        "description, academic_year_start, academic_year_end, issued_on, "
                        "outstanding_amount) VALUES (?, ?, ?, ?, ?, ?, '2026-11-24', ?)",
                use(invoice_id), use(payer_id), use(student), use(description), use(start),
                use(end), use(outstanding), now;
        else
            session_ << "UPDATE erp_invoices SET payer_id = ?, student_name = ?, description = ?, "
                        "outstanding_amount = ? WHERE invoice_id = ?",
                use(payer_id), use(student), use(description), use(outstanding), use(invoice_id),
                now;
        int line_no = 0;
        for (const auto& line : inv.lines) {
            ++line_no;
            std::string component = line.fee_component, amount = line.amount;
            session_
                << "INSERT INTO erp_invoice_lines (invoice_id, line_no, fee_component, amount) "
                   "VALUES (?, ?, ?, ?)",
                use(invoice_id), use(line_no), use(component), use(amount), now;
        }
    }
    tx.commit();
}

std::vector<SampleInvoice> ReferenceErp::sample_invoices() {
    return {
        {"INV-2026-0001",
         "P-100",
         "Anita Sharma",
         "9876543210",
         "anita.sharma@example.com",
         "Rohan Sharma",
         "Grade 5",
         "Term 2 fees",
         {{"TUITION_FEE", "42500.00"}, {"TRANSPORT_FEE", "6200.50"}, {"LAB_FEE", "1500"}},
         "",
         ""},
        {"INV-2026-0002",
         "P-101",
         "Vikram Rao",
         "+91 98450 12345",
         "vikram.rao@example.com",
         "Meera Rao",
         "Grade 9",
         "Admission",
         {{"ADMISSION_FEE", "25000.00"}},
         "",
         ""},
        {"INV-2026-0003",
         "P-102",
         "Farah Khan",
         "",
         "farah.khan@example.com",
         "Zoya Khan",
         "Grade 2",
         "Term 2 fees (payer phone missing)",
         {{"TUITION_FEE", "18000.00"}},
         "",
         ""},
        {"INV-2026-0004",
         "P-103",
         "Arjun Mehta",
         "9123456780",
         "arjun.mehta@example.com",
         "Kabir Mehta",
         "Grade 7",
         "Annual day event fee",
         {{"EVENT_FEE", "750.00"}},
         "",
         ""},
    };
}

std::vector<ReferenceErp::StatusRow> ReferenceErp::status_table() {
    // The ERP's own columns, as the module's write-backs left them.
    std::vector<std::string> invoices;
    session_ << "SELECT invoice_id FROM erp_invoices ORDER BY invoice_id", into(invoices), now;
    std::vector<Poco::Tuple<std::string, std::string, Text>> lines;
    session_ << "SELECT invoice_id, amount, settlement_utr FROM erp_invoice_lines "
                "ORDER BY invoice_id, line_no",
        into(lines), now;
    std::map<std::string, jodo::Paise> totals;
    std::map<std::string, std::string> utrs;
    for (const auto& l : lines) {
        totals[l.get<0>()] += jodo::parse_rupees(l.get<1>()).value_or(0);
        if (!l.get<2>().isNull())
            utrs[l.get<0>()] += (utrs[l.get<0>()].empty() ? "" : ",") + l.get<2>().value();
    }
    using Row = Poco::Tuple<std::string, Text, Text, Text, Text, Text, Text>;
    std::vector<Row> rows;
    session_ << "SELECT invoice_id, outstanding_amount, jodo_status, jodo_order_id, jodo_paid_at, "
                "jodo_transaction_id, jodo_note FROM erp_invoices ORDER BY invoice_id",
        into(rows), now;
    std::vector<StatusRow> out;
    for (const auto& r : rows) {
        StatusRow row;
        row.invoice_id = r.get<0>();
        row.total = jodo::format_rupees(totals[row.invoice_id]);
        row.owed = r.get<1>().isNull()
                       ? std::string()
                       : jodo::format_rupees(jodo::parse_rupees(r.get<1>().value()).value_or(0));
        row.status = r.get<2>().isNull() ? "-" : r.get<2>().value();
        row.order_id = or_empty(r.get<3>());
        row.paid_at = or_empty(r.get<4>());
        row.transaction_id = or_empty(r.get<5>());
        row.utr = utrs[row.invoice_id];
        row.error_reason = or_empty(r.get<6>());
        out.push_back(row);
    }
    return out;
}

std::vector<ReferenceErp::InboxEvent> ReferenceErp::inbox_events() {
    std::vector<Poco::Tuple<std::string, std::string, Text, std::string, Text>> rows;
    session_ << "SELECT received_at, event, order_id, state, note FROM jodo_webhook_inbox "
                "ORDER BY received_at, event_id",
        into(rows), now;
    std::vector<InboxEvent> out;
    for (const auto& r : rows)
        out.push_back(
            {r.get<0>(), r.get<1>(), or_empty(r.get<2>()), r.get<3>(), or_empty(r.get<4>())});
    return out;
}

std::string format_status_table(const std::vector<ReferenceErp::StatusRow>& rows) {
    const std::vector<std::string> headers = {"invoice",        "amount",         "owed",
                                              "status",         "order id",       "paid at",
                                              "transaction id", "settlement UTR", "note"};
    std::vector<std::vector<std::string>> cells;
    for (const auto& r : rows)
        cells.push_back({r.invoice_id, r.total, r.owed, r.status, r.order_id, r.paid_at,
                         r.transaction_id, r.utr, r.error_reason});
    std::vector<std::size_t> width(headers.size());
    for (std::size_t i = 0; i < headers.size(); ++i) {
        width[i] = headers[i].size();
        for (const auto& c : cells)
            width[i] = std::max(width[i], c[i].size());
    }
    std::ostringstream out;
    auto print = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out << row[i];
            if (i + 1 < row.size())
                out << std::string(width[i] - row[i].size() + 2, ' ');
        }
        out << "\n";
    };
    print(headers);
    std::vector<std::string> rule;
    for (auto w : width)
        rule.push_back(std::string(w, '-'));
    print(rule);
    for (const auto& c : cells)
        print(c);
    return out.str();
}

}  // namespace host_sim
