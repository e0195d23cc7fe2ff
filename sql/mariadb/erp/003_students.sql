-- As sql/common/erp/003: InnoDB, utf8mb4 with a binary collation, FOREIGN KEY
-- clauses, and every statement a no-op when run again (MariaDB commits DDL at
-- once, so a migration a crash cut in half runs again from the start).
CREATE TABLE IF NOT EXISTS erp_families (
    family_id     VARCHAR(40)  PRIMARY KEY,
    guardian_name VARCHAR(200) NOT NULL,
    phone         VARCHAR(20),
    email         VARCHAR(200)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS erp_students (
    student_id          VARCHAR(40)  PRIMARY KEY,
    family_id           VARCHAR(40)  NOT NULL,
    fullname            VARCHAR(200) NOT NULL,
    grade               VARCHAR(40),
    new_admission       INTEGER      NOT NULL DEFAULT 0,
    academic_year_start INTEGER,
    academic_year_end   INTEGER,
    date_of_birth       VARCHAR(10),
    active              INTEGER      NOT NULL DEFAULT 1,
    jodo_student_id     VARCHAR(64),
    FOREIGN KEY (family_id) REFERENCES erp_families (family_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS erp_students_by_family ON erp_students (family_id);
CREATE TABLE IF NOT EXISTS erp_student_fees (
    student_id     VARCHAR(40)   NOT NULL,
    component_type VARCHAR(60)   NOT NULL,
    fee_amount     DECIMAL(14,2) NOT NULL,
    discount_type  VARCHAR(60),
    discount_value DECIMAL(14,2),
    PRIMARY KEY (student_id, component_type),
    FOREIGN KEY (student_id) REFERENCES erp_students (student_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS erp_student_payments (
    payment_id      VARCHAR(64)   PRIMARY KEY,
    student_id      VARCHAR(40)   NOT NULL,
    jodo_student_id VARCHAR(64),
    amount          DECIMAL(14,2) NOT NULL,
    paid_at         VARCHAR(40),
    mode            VARCHAR(40),
    product         VARCHAR(40),
    advance_amount  DECIMAL(14,2) NOT NULL DEFAULT 0,
    FOREIGN KEY (student_id) REFERENCES erp_students (student_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS erp_student_payments_by_student ON erp_student_payments (student_id);
CREATE TABLE IF NOT EXISTS erp_student_payment_lines (
    payment_id      VARCHAR(64)   NOT NULL,
    line_no         INTEGER       NOT NULL,
    component_type  VARCHAR(60)   NOT NULL,
    amount          DECIMAL(14,2) NOT NULL,
    invoice_id      VARCHAR(40),
    invoice_line_no INTEGER,
    settlement_utr  VARCHAR(64),
    settled_at      VARCHAR(40),
    PRIMARY KEY (payment_id, line_no),
    FOREIGN KEY (payment_id) REFERENCES erp_student_payments (payment_id),
    FOREIGN KEY (invoice_id) REFERENCES erp_invoices (invoice_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS erp_student_payment_lines_by_bill
    ON erp_student_payment_lines (invoice_id, invoice_line_no);
CREATE TABLE IF NOT EXISTS erp_counter_receipts (
    receipt_id     VARCHAR(40)   PRIMARY KEY,
    student_id     VARCHAR(40)   NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    paid_at        VARCHAR(40)   NOT NULL,
    mode           VARCHAR(40),
    settlement_utr VARCHAR(64),
    notes          VARCHAR(1000),
    cancelled      INTEGER       NOT NULL DEFAULT 0,
    jodo_status    VARCHAR(20),
    jodo_note      VARCHAR(1000),
    FOREIGN KEY (student_id) REFERENCES erp_students (student_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS erp_counter_receipt_lines (
    receipt_id     VARCHAR(40)   NOT NULL,
    line_no        INTEGER       NOT NULL,
    component_type VARCHAR(60)   NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (receipt_id, line_no),
    FOREIGN KEY (receipt_id) REFERENCES erp_counter_receipts (receipt_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
