-- What Jodo settled of each student-linked payment, line by line, as List
-- Payments reports it (details[].settlement_utr, settled_at): the settlement
-- report adds these to the collections' settled lines, so a UTR's total is the
-- whole bank credit. Written with jodo_student_payments.settled_at, in the
-- same transaction (StudentStore::settle).
CREATE TABLE IF NOT EXISTS jodo_student_payment_lines (
    payment_id     VARCHAR(64)   NOT NULL,
    line_no        INTEGER       NOT NULL,
    fee_component  VARCHAR(60),
    amount         DECIMAL(14,2) NOT NULL,
    settlement_utr VARCHAR(64)   NOT NULL,
    settled_at     VARCHAR(40)   NOT NULL,
    PRIMARY KEY (payment_id, line_no)
);
CREATE INDEX IF NOT EXISTS jodo_student_payment_lines_by_settled
    ON jodo_student_payment_lines (settled_at);
