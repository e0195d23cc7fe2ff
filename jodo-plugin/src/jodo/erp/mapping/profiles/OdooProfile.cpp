// Odoo (account_move as customer invoice, account_move_line as its product
// lines, res_partner as payer). The module writes only custom x_ fields and
// queues each payment in x_jodo_payment, which the documented scheduled
// action registers as an account.payment: Odoo's own code reconciles it and
// updates amount_residual and payment_state.
#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo::profiles {

ErpProfile odoo(const ErpSchema& schema) {
    // Odoo 19 (from saas-18.2) dropped res_partner.mobile: phone is the one
    // number there; before, a mobile is the better number for a payment link.
    const bool has_mobile = schema.has_column("res_partner", "mobile");
    const std::string phone = has_mobile ? "COALESCE(p.mobile, p.phone)" : "p.phone";
    return {"odoo",
            {{"invoice", R"SQL(
SELECT m.name AS invoice_id, p.name AS payer_name, )SQL" +
                             phone + R"SQL( AS phone,
       p.email, m.amount_residual AS amount_due, p.ref AS student_id,
       m.ref AS description
FROM account_move m JOIN res_partner p ON p.id = m.partner_id
WHERE m.name = :invoice_id AND m.move_type = 'out_invoice' AND m.state = 'posted')SQL"},
             {"lines", R"SQL(
SELECT l.id AS line_no, COALESCE(l.name, 'Fee') AS component_type, l.price_total AS amount
FROM account_move_line l JOIN account_move m ON m.id = l.move_id
WHERE m.name = :invoice_id AND l.display_type = 'product'
ORDER BY l.sequence, l.id)SQL"},
             {"open_invoices", R"SQL(
SELECT m.name AS invoice_id FROM account_move m
WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
  AND m.payment_state IN ('not_paid', 'partial') AND m.amount_residual > 0
ORDER BY m.name)SQL"},
             {"on_order", R"SQL(
UPDATE account_move SET x_jodo_order_id = :order_id, x_jodo_payment_url = :redirect_url
WHERE name = :invoice_id AND move_type = 'out_invoice')SQL"},
             {"on_status", R"SQL(
UPDATE account_move SET x_jodo_status = :status, x_jodo_note = :reason
WHERE name = :invoice_id AND move_type = 'out_invoice')SQL"},
             {"on_paid", R"SQL(
INSERT INTO x_jodo_payment (x_name, x_collection_id, x_move_name, x_order_id, x_amount,
                            x_paid_at, x_transaction_id, x_state, create_date, write_date)
VALUES (:transaction_id, :collection_id, :invoice_id, :order_id, :paid_amount,
        :paid_at, :transaction_id, 'queued', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP))SQL"},
             {"on_settled", R"SQL(
UPDATE account_move_line SET x_jodo_settlement_utr = :settlement_utr WHERE id = :line_no)SQL"}},
            has_mobile ? "Odoo up to 18 (res_partner.mobile, else phone)"
                       : "Odoo 19 and later (res_partner.phone; there is no mobile column)"};
}

}  // namespace jodo::profiles
