-- As sql/common/erp/002. MariaDB commits each DDL statement at once (no
-- transactional DDL), so every statement is written to be a no-op when a
-- crash between them makes the migration run again.
ALTER TABLE erp_payers ADD COLUMN IF NOT EXISTS student_id VARCHAR(40);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS outstanding_amount DECIMAL(14,2);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS jodo_order_id VARCHAR(64);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS jodo_payment_url VARCHAR(2000);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS jodo_expires_at VARCHAR(40);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS jodo_status VARCHAR(20);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS jodo_note VARCHAR(1000);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS jodo_paid_at VARCHAR(40);
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS jodo_transaction_id VARCHAR(64);
ALTER TABLE erp_invoice_lines ADD COLUMN IF NOT EXISTS settlement_utr VARCHAR(64);
ALTER TABLE erp_invoice_lines ADD COLUMN IF NOT EXISTS settled_at VARCHAR(40);
CREATE TABLE IF NOT EXISTS erp_receipts (
    receipt_id     VARCHAR(40)   PRIMARY KEY,
    invoice_id     VARCHAR(40)   NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    paid_at        VARCHAR(40),
    transaction_id VARCHAR(64),
    order_id       VARCHAR(64),
    note           VARCHAR(1000),
    FOREIGN KEY (invoice_id) REFERENCES erp_invoices (invoice_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
