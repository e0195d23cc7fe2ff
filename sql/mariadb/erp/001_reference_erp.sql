-- The reference ERP on MariaDB: as sql/common/erp/001, in utf8mb4 (names in
-- any script, emoji) with a binary collation (ids compare exactly, as on
-- SQLite and PostgreSQL), InnoDB for transactions and foreign keys.
CREATE TABLE IF NOT EXISTS erp_payers (
    payer_id     VARCHAR(40)  PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    phone        VARCHAR(20),
    email        VARCHAR(200),
    student_name VARCHAR(200),
    grade        VARCHAR(40)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS erp_invoices (
    invoice_id          VARCHAR(40)  PRIMARY KEY,
    payer_id            VARCHAR(40)  NOT NULL,
    description         VARCHAR(200),
    academic_year_start INTEGER,
    academic_year_end   INTEGER,
    issued_on           VARCHAR(10),
    FOREIGN KEY (payer_id) REFERENCES erp_payers (payer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS erp_invoice_lines (
    invoice_id    VARCHAR(40)   NOT NULL,
    line_no       INTEGER       NOT NULL,
    fee_component VARCHAR(60)   NOT NULL,
    amount        DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (invoice_id, line_no),
    FOREIGN KEY (invoice_id) REFERENCES erp_invoices (invoice_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
