-- The reference ERP's students: families (the Jodo registration: siblings
-- share one), students, their fee structure, the payments made in Jodo as the
-- module posts them (through the `reference` profile's on_student_* write-
-- backs), and receipts taken at the school counter.
CREATE TABLE IF NOT EXISTS erp_families (
    family_id     VARCHAR(40)  PRIMARY KEY,
    guardian_name VARCHAR(200) NOT NULL,
    phone         VARCHAR(20),
    email         VARCHAR(200)
);
CREATE TABLE IF NOT EXISTS erp_students (
    student_id          VARCHAR(40)  PRIMARY KEY,
    family_id           VARCHAR(40)  NOT NULL REFERENCES erp_families (family_id),
    fullname            VARCHAR(200) NOT NULL,
    grade               VARCHAR(40),
    new_admission       INTEGER      NOT NULL DEFAULT 0,
    academic_year_start INTEGER,
    academic_year_end   INTEGER,
    date_of_birth       VARCHAR(10),
    active              INTEGER      NOT NULL DEFAULT 1,
    jodo_student_id     VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS erp_students_by_family ON erp_students (family_id);
CREATE TABLE IF NOT EXISTS erp_student_fees (
    student_id     VARCHAR(40)   NOT NULL REFERENCES erp_students (student_id),
    component_type VARCHAR(60)   NOT NULL,
    fee_amount     DECIMAL(14,2) NOT NULL,
    discount_type  VARCHAR(60),
    discount_value DECIMAL(14,2),
    PRIMARY KEY (student_id, component_type)
);
-- A payment made in Jodo: the primary key makes a second posting impossible.
CREATE TABLE IF NOT EXISTS erp_student_payments (
    payment_id      VARCHAR(64)   PRIMARY KEY,
    student_id      VARCHAR(40)   NOT NULL REFERENCES erp_students (student_id),
    jodo_student_id VARCHAR(64),
    amount          DECIMAL(14,2) NOT NULL,
    paid_at         VARCHAR(40),
    mode            VARCHAR(40),
    product         VARCHAR(40),
    advance_amount  DECIMAL(14,2) NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS erp_student_payments_by_student ON erp_student_payments (student_id);
-- Its pieces: one per open bill line it paid (invoice_id, invoice_line_no),
-- or an advance (both NULL).
CREATE TABLE IF NOT EXISTS erp_student_payment_lines (
    payment_id      VARCHAR(64)   NOT NULL REFERENCES erp_student_payments (payment_id),
    line_no         INTEGER       NOT NULL,
    component_type  VARCHAR(60)   NOT NULL,
    amount          DECIMAL(14,2) NOT NULL,
    invoice_id      VARCHAR(40)   REFERENCES erp_invoices (invoice_id),
    invoice_line_no INTEGER,
    settlement_utr  VARCHAR(64),
    settled_at      VARCHAR(40),
    PRIMARY KEY (payment_id, line_no)
);
CREATE INDEX IF NOT EXISTS erp_student_payment_lines_by_bill
    ON erp_student_payment_lines (invoice_id, invoice_line_no);
-- Receipts taken at the school (cash, cheque, bank transfer), sent to Jodo by
-- the module, which notes what became of each in jodo_status / jodo_note.
CREATE TABLE IF NOT EXISTS erp_counter_receipts (
    receipt_id     VARCHAR(40)   PRIMARY KEY,
    student_id     VARCHAR(40)   NOT NULL REFERENCES erp_students (student_id),
    amount         DECIMAL(14,2) NOT NULL,
    paid_at        VARCHAR(40)   NOT NULL,
    mode           VARCHAR(40),
    settlement_utr VARCHAR(64),
    notes          VARCHAR(1000),
    cancelled      INTEGER       NOT NULL DEFAULT 0,
    jodo_status    VARCHAR(20),
    jodo_note      VARCHAR(1000)
);
CREATE TABLE IF NOT EXISTS erp_counter_receipt_lines (
    receipt_id     VARCHAR(40)   NOT NULL REFERENCES erp_counter_receipts (receipt_id),
    line_no        INTEGER       NOT NULL,
    component_type VARCHAR(60)   NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (receipt_id, line_no)
);
