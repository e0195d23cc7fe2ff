#include "jodo/erp/SettlementReader.hpp"

#include <stdexcept>

#include "erp_sql/NativeStatement.hpp"

namespace jodo {

std::vector<SettledLine> settled_lines(Database& db, const std::string& from_date,
                                       const std::string& to_date) {
    // paid_amount is what Jodo reported paid for the line; before a webhook
    // carried it (older rows) the line's own amount is what was collected.
    static const char* const kSql =
        "SELECT c.collection_id, c.invoice_id, l.line_no, l.settlement_utr, l.settled_at, "
        "COALESCE(l.paid_amount, l.amount) "
        "FROM jodo_collection_lines l JOIN jodo_collections c "
        "ON c.collection_id = l.collection_id "
        "WHERE l.settlement_utr IS NOT NULL AND l.settled_at >= ? AND l.settled_at < ? "
        "ORDER BY l.settled_at, l.settlement_utr, c.invoice_id, l.line_no";
    auto session = db.session();
    const erp_sql::NativeRows rows =
        erp_sql::NativeStatement(session, kSql)
            .run({erp_sql::text_param(from_date), erp_sql::text_param(to_date)});
    std::vector<SettledLine> out;
    out.reserve(rows.rows.size());
    for (const auto& r : rows.rows) {
        SettledLine line;
        line.collection_id = r[0].value_or("");
        line.invoice_id = r[1].value_or("");
        line.line_no = std::stoi(r[2].value_or("0"));
        line.utr = r[3].value_or("");
        line.settled_at = r[4].value_or("");
        const std::string amount = r[5].value_or("");
        const auto paise = parse_signed_rupees(amount);
        if (!paise)
            throw std::runtime_error("jodo_collection_lines of " + line.collection_id +
                                     " holds the amount \"" + amount + "\"");
        line.amount = *paise;
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace jodo
