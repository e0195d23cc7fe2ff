#include "jodo/erp/SettlementReader.hpp"

#include <stdexcept>

#include "erp_sql/NativeStatement.hpp"

namespace jodo {

std::vector<SettledLine> settled_lines(Database& db, const std::string& from_date,
                                       const std::string& to_date) {
    // paid_amount is what Jodo reported paid for the line; before a webhook
    // carried it (older rows) the line's own amount is what was collected.
    // The second half: student-linked payments (no invoice; the student).
    static const char* const kSql =
        "SELECT c.collection_id, c.invoice_id, l.line_no, l.settlement_utr, l.settled_at, "
        "COALESCE(l.paid_amount, l.amount), NULL "
        "FROM jodo_collection_lines l JOIN jodo_collections c "
        "ON c.collection_id = l.collection_id "
        "WHERE l.settlement_utr IS NOT NULL AND l.settled_at >= ? AND l.settled_at < ? "
        "UNION ALL "
        "SELECT s.payment_id, NULL, s.line_no, s.settlement_utr, s.settled_at, s.amount, "
        "p.student_id FROM jodo_student_payment_lines s JOIN jodo_student_payments p "
        "ON p.payment_id = s.payment_id WHERE s.settled_at >= ? AND s.settled_at < ? "
        "ORDER BY 5, 4, 2, 7, 3";
    auto session = db.session();
    const erp_sql::NativeRows rows =
        erp_sql::NativeStatement(session, kSql)
            .run({erp_sql::text_param(from_date), erp_sql::text_param(to_date),
                  erp_sql::text_param(from_date), erp_sql::text_param(to_date)});
    std::vector<SettledLine> out;
    out.reserve(rows.rows.size());
    for (const auto& r : rows.rows) {
        SettledLine line;
        line.collection_id = r[0].value_or("");
        line.invoice_id = r[1].value_or("");
        line.line_no = std::stoi(r[2].value_or("0"));
        line.utr = r[3].value_or("");
        line.settled_at = r[4].value_or("");
        line.student_id = r[6].value_or("");
        const std::string amount = r[5].value_or("");
        const auto paise = parse_signed_rupees(amount);
        if (!paise)
            throw std::runtime_error((line.invoice_id.empty() ? "jodo_student_payment_lines of "
                                                              : "jodo_collection_lines of ") +
                                     line.collection_id + " holds the amount \"" + amount + "\"");
        line.amount = *paise;
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace jodo
