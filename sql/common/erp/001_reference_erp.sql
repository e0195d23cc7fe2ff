-- The reference ERP that host-sim plays: payers, fee invoices and their lines.
CREATE TABLE IF NOT EXISTS erp_payers (
    payer_id     VARCHAR(40)  PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    phone        VARCHAR(20),
    email        VARCHAR(200),
    student_name VARCHAR(200),
    grade        VARCHAR(40)
);
CREATE TABLE IF NOT EXISTS erp_invoices (
    invoice_id          VARCHAR(40)  PRIMARY KEY,
    payer_id            VARCHAR(40)  NOT NULL REFERENCES erp_payers (payer_id),
    description         VARCHAR(200),
    academic_year_start INTEGER,
    academic_year_end   INTEGER,
    issued_on           VARCHAR(10)
);
CREATE TABLE IF NOT EXISTS erp_invoice_lines (
    invoice_id    VARCHAR(40)   NOT NULL REFERENCES erp_invoices (invoice_id),
    line_no       INTEGER       NOT NULL,
    fee_component VARCHAR(60)   NOT NULL,
    amount        DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);
