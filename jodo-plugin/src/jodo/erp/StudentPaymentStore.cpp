// Payments made in Jodo, posted into the ERP exactly once: the row keyed on
// Jodo's payment id and the ERP's write-backs commit together, so a second
// webhook, a pull, another host or a restart after a crash finds the row
// (or finds none and posts it whole).
#include "erp_sql/Transaction.hpp"
#include "jodo/erp/CollectionParams.hpp"
#include "jodo/erp/StudentStore.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
ErpValues payment_values(const PaymentPosting& p) {
    return {{"payment_id", p.payment.id},           {"student_id", p.student_id},
            {"jodo_student_id", p.jodo_student_id}, {"amount", format_rupees(p.payment.amount)},
            {"paid_at", p.payment.paid_at},         {"mode", p.payment.mode},
            {"product", p.payment.product},         {"advance_amount", format_rupees(p.advance)}};
}
}  // namespace

std::map<std::string, bool> StudentStore::known_payments(const std::string& jodo_student_id) {
    auto session = db_.session();
    const erp_sql::NativeRows rows =
        erp_sql::NativeStatement(session, erp_sql::NativeStatement::Reuse::prepared,
                                 "SELECT payment_id, origin, settled_at FROM "
                                 "jodo_student_payments WHERE jodo_student_id = ?")
            .run({erp_sql::text_param(jodo_student_id)});
    std::map<std::string, bool> known;
    for (const auto& r : rows.rows)
        known[r.at(0).value_or("")] = r.at(1).value_or("") == "erp" || r.at(2).has_value();
    return known;
}

bool StudentStore::post(PaymentPosting& p, const Allocate& allocate) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    // The student's row is held until commit (a row lock; SQLite's write lock).
    db_.update_count(session,
                     "UPDATE jodo_students SET updated_at = updated_at WHERE student_id = ?",
                     {erp_sql::text_param(p.student_id)});
    if (!erp_sql::NativeStatement(session, erp_sql::NativeStatement::Reuse::prepared,
                                  "SELECT 1 FROM jodo_student_payments WHERE payment_id = ?")
             .run({erp_sql::text_param(p.payment.id)})
             .rows.empty())
        return false;
    allocate(session, p);
    const std::string reason =
        p.advance > 0 ? format_rupees(p.advance) +
                            " of this payment matched no open bill of the student: posted as "
                            "an advance, allocate it in the ERP"
                      : std::string();
    const std::size_t fresh = db_.update_count(
        session,
        db_.insert_once("jodo_student_payments (payment_id, jodo_student_id, student_id, origin, "
                        "amount, advance_amount, posted_at, review_reason) "
                        "VALUES (?, ?, ?, 'jodo', ?, ?, ?, ?)"),
        {erp_sql::text_param(p.payment.id), erp_sql::text_param(p.jodo_student_id),
         erp_sql::text_param(p.student_id), erp_sql::decimal_param(format_rupees(p.payment.amount)),
         erp_sql::decimal_param(format_rupees(p.advance)), erp_sql::text_param(now_()),
         reason.empty() ? erp_sql::optional_unicode_param("") : reason_text(reason)});
    if (fresh != 1)
        return false;
    if (mapping_) {
        mapping_->write_back(session, erp_statement::on_student_payment, payment_values(p));
        for (const auto& piece : p.pieces) {
            ErpValues values = {{"payment_id", p.payment.id},
                                {"student_id", p.student_id},
                                {"jodo_student_id", p.jodo_student_id},
                                {"line_no", std::to_string(piece.line_no)},
                                {"component_type", piece.component_type},
                                {"amount", format_rupees(piece.amount)},
                                {"paid_at", p.payment.paid_at},
                                {"invoice_id", std::nullopt},
                                {"invoice_line_no", std::nullopt}};
            if (!piece.invoice_id.empty())
                values["invoice_id"] = piece.invoice_id;
            if (piece.invoice_line_no)
                values["invoice_line_no"] = std::to_string(*piece.invoice_line_no);
            mapping_->write_back(session, erp_statement::on_student_payment_line, values);
        }
    }
    tx.commit();
    return true;
}

bool StudentStore::settle(const PaymentPosting& p) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const std::string at = now_();
    const std::size_t won =
        db_.update_count(session,
                         "UPDATE jodo_student_payments SET settled_at = ? "
                         "WHERE payment_id = ? AND origin = 'jodo' AND settled_at IS NULL",
                         {erp_sql::text_param(at), erp_sql::text_param(p.payment.id)});
    if (won != 1)
        return false;
    // The module's own record of each line's UTR, for the settlement report
    // (the ERP's write-back below may keep it elsewhere, or not at all).
    int line_no = 0;
    for (const auto& line : p.payment.details)
        db_.update_count(session,
                         db_.insert_once("jodo_student_payment_lines (payment_id, line_no, "
                                         "fee_component, amount, settlement_utr, settled_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                         {erp_sql::text_param(p.payment.id), erp_sql::integer_param(++line_no),
                          erp_sql::unicode_param(bounded_text(line.fee_component, 60)),
                          erp_sql::decimal_param(format_rupees(line.amount)),
                          erp_sql::unicode_param(bounded_text(line.settlement_utr, 64)),
                          erp_sql::unicode_param(
                              bounded_text(line.settled_at.empty() ? at : line.settled_at, 40))});
    if (mapping_) {
        line_no = 0;
        for (const auto& line : p.payment.details)
            mapping_->write_back(session, erp_statement::on_student_payment_settled,
                                 {{"payment_id", p.payment.id},
                                  {"student_id", p.student_id},
                                  {"jodo_student_id", p.jodo_student_id},
                                  {"line_no", std::to_string(++line_no)},
                                  {"component_type", line.fee_component},
                                  {"amount", format_rupees(line.amount)},
                                  {"settlement_utr", line.settlement_utr},
                                  {"settled_at", line.settled_at}});
    }
    tx.commit();
    return true;
}

void StudentStore::mark_ours(const std::string& payment_id, const std::string& jodo_student_id,
                             const std::string& student_id, Paise amount) {
    auto session = db_.session();
    db_.update_count(session,
                     db_.insert_once("jodo_student_payments (payment_id, jodo_student_id, "
                                     "student_id, origin, amount, posted_at) "
                                     "VALUES (?, ?, ?, 'erp', ?, ?)"),
                     {erp_sql::text_param(payment_id), erp_sql::text_param(jodo_student_id),
                      erp_sql::text_param(student_id),
                      erp_sql::decimal_param(format_rupees(amount)), erp_sql::text_param(now_())});
}

std::vector<StudentReviewItem> StudentStore::needing_review(int limit) {
    auto session = db_.session();
    const std::string cap = " LIMIT " + std::to_string(limit);
    std::vector<StudentReviewItem> out;
    auto add = [&](const std::string& kind, const std::string& sql) {
        for (const auto& r : erp_sql::NativeStatement(session, sql + cap).run({}).rows) {
            auto t = [&r](std::size_t i) { return r.at(i).value_or(""); };
            out.push_back({kind, t(0), t(1), t(2), t(3), t(4)});
        }
    };
    add("student_payment",
        "SELECT payment_id, student_id, 'advance', review_reason, posted_at "
        "FROM jodo_student_payments WHERE review_reason IS NOT NULL ORDER BY posted_at DESC");
    add("counter_receipt",
        "SELECT receipt_id, student_id, state, error_reason, updated_at FROM "
        "jodo_counter_payments WHERE state IN ('review', 'refused', 'unknown') "
        "ORDER BY updated_at DESC");
    add("student",
        "SELECT student_id, student_id, state, error_reason, updated_at FROM jodo_students "
        "WHERE state IN ('unknown', 'failed') ORDER BY updated_at DESC");
    return out;
}

}  // namespace jodo
