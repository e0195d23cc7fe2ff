// Counter receipts sent to Jodo with Add Payment: the intent row is written
// before the request, its outcome after, so a crash or a lost answer leaves a
// row that says a payment may exist in Jodo, never a second Add Payment.
#include "erp_sql/Transaction.hpp"
#include "jodo/erp/CollectionParams.hpp"
#include "jodo/erp/StudentStore.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

std::map<std::string, CounterRow> StudentStore::counter_rows() {
    auto session = db_.session();
    const erp_sql::NativeRows rows =
        erp_sql::NativeStatement(session,
                                 "SELECT receipt_id, student_id, jodo_student_id, state, "
                                 "error_reason, updated_at FROM jodo_counter_payments")
            .run({});
    std::map<std::string, CounterRow> out;
    for (const auto& r : rows.rows) {
        auto t = [&r](std::size_t i) { return r.at(i).value_or(""); };
        out[t(0)] = {t(0), t(1), t(2), t(3), t(4), t(5)};
    }
    return out;
}

bool StudentStore::is_counter_receipt(const std::string& receipt_id) {
    auto session = db_.session();
    return !erp_sql::NativeStatement(session, erp_sql::NativeStatement::Reuse::prepared,
                                     "SELECT 1 FROM jodo_counter_payments WHERE receipt_id = ?")
                .run({erp_sql::text_param(receipt_id)})
                .rows.empty();
}

bool StudentStore::begin_counter(const CounterReceipt& receipt,
                                 const std::string& jodo_student_id) {
    auto session = db_.session();
    const std::string columns =
        "jodo_counter_payments (receipt_id, student_id, jodo_student_id, amount, state, "
        "updated_at) VALUES (?, ?, ?, ?, 'sending', ?)";
    return db_.update_count(
               session, db_.insert_once(columns),
               {erp_sql::text_param(receipt.receipt_id), erp_sql::text_param(receipt.student_id),
                erp_sql::text_param(jodo_student_id),
                erp_sql::decimal_param(format_rupees(receipt.amount)),
                erp_sql::text_param(now_())}) == 1;
}

bool StudentStore::move_counter(const std::string& receipt_id, const std::vector<std::string>& from,
                                const std::string& to, const std::string& reason) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    std::vector<erp_sql::NativeParam> params = {
        erp_sql::text_param(to),
        reason.empty() ? erp_sql::optional_unicode_param("") : reason_text(reason),
        erp_sql::text_param(now_()), erp_sql::text_param(receipt_id)};
    for (const auto& state : from)
        params.push_back(erp_sql::text_param(state));
    const std::size_t moved = db_.prepared_update(
        session,
        "UPDATE jodo_counter_payments SET state = ?, error_reason = ?, updated_at = ? "
        "WHERE receipt_id = ? AND state IN " +
            in_list_sql(from.size()),
        params);
    if (moved != 1)
        return false;
    if (mapping_ && (to == "sent" || to == "cancelled" || to == "review" || to == "refused")) {
        const erp_sql::NativeRows row =
            erp_sql::NativeStatement(session,
                                     "SELECT student_id, jodo_student_id FROM "
                                     "jodo_counter_payments WHERE receipt_id = ?")
                .run({erp_sql::text_param(receipt_id)});
        mapping_->write_back(session, erp_statement::on_counter_payment,
                             {{"receipt_id", receipt_id},
                              {"student_id", row.rows.at(0).at(0)},
                              {"jodo_student_id", row.rows.at(0).at(1)},
                              {"status", to == "refused" ? "review" : to},
                              {"reason", bounded_text(reason, 1000)}});
    }
    tx.commit();
    return true;
}

}  // namespace jodo
