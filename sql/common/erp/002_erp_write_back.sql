-- The reference ERP's own columns for what Jodo did, written by the module
-- through the `reference` ERP mapping profile: what is still owed, the order,
-- its status, receipts and per-line settlement.
ALTER TABLE erp_payers ADD COLUMN student_id VARCHAR(40);
ALTER TABLE erp_invoices ADD COLUMN outstanding_amount DECIMAL(14,2);
ALTER TABLE erp_invoices ADD COLUMN jodo_order_id VARCHAR(64);
ALTER TABLE erp_invoices ADD COLUMN jodo_payment_url VARCHAR(2000);
ALTER TABLE erp_invoices ADD COLUMN jodo_expires_at VARCHAR(40);
ALTER TABLE erp_invoices ADD COLUMN jodo_status VARCHAR(20);
ALTER TABLE erp_invoices ADD COLUMN jodo_note VARCHAR(1000);
ALTER TABLE erp_invoices ADD COLUMN jodo_paid_at VARCHAR(40);
ALTER TABLE erp_invoices ADD COLUMN jodo_transaction_id VARCHAR(64);
ALTER TABLE erp_invoice_lines ADD COLUMN settlement_utr VARCHAR(64);
ALTER TABLE erp_invoice_lines ADD COLUMN settled_at VARCHAR(40);
CREATE TABLE erp_receipts (
    receipt_id     VARCHAR(40)   PRIMARY KEY,
    invoice_id     VARCHAR(40)   NOT NULL REFERENCES erp_invoices (invoice_id),
    amount         DECIMAL(14,2) NOT NULL,
    paid_at        VARCHAR(40),
    transaction_id VARCHAR(64),
    order_id       VARCHAR(64),
    note           VARCHAR(1000)
);
