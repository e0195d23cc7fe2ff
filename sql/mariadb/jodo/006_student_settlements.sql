-- As sql/common/jodo/006: InnoDB, utf8mb4 with a binary collation, and every
-- statement a no-op when run again (MariaDB commits DDL at once).
CREATE TABLE IF NOT EXISTS jodo_student_payment_lines (
    payment_id     VARCHAR(64)   NOT NULL,
    line_no        INTEGER       NOT NULL,
    fee_component  VARCHAR(60),
    amount         DECIMAL(14,2) NOT NULL,
    settlement_utr VARCHAR(64)   NOT NULL,
    settled_at     VARCHAR(40)   NOT NULL,
    PRIMARY KEY (payment_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS jodo_student_payment_lines_by_settled
    ON jodo_student_payment_lines (settled_at);
