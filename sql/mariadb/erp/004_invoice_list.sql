-- As sql/common/erp/004: InnoDB, utf8mb4 with a binary collation, and every
-- statement a no-op when run again (MariaDB commits DDL at once).
CREATE INDEX IF NOT EXISTS erp_invoices_by_payer ON erp_invoices (payer_id);
CREATE INDEX IF NOT EXISTS erp_invoices_by_year ON erp_invoices (academic_year_start, invoice_id);
CREATE INDEX IF NOT EXISTS erp_invoices_by_status ON erp_invoices (jodo_status, invoice_id);
CREATE INDEX IF NOT EXISTS erp_invoices_by_issued ON erp_invoices (issued_on, invoice_id);
CREATE INDEX IF NOT EXISTS erp_invoices_by_amount ON erp_invoices (outstanding_amount, invoice_id);
CREATE INDEX IF NOT EXISTS erp_invoices_by_order ON erp_invoices (jodo_order_id);
-- A search reads these two for every invoice: the index is narrower than the rows.
CREATE INDEX IF NOT EXISTS erp_invoices_ids ON erp_invoices (invoice_id, jodo_order_id);
CREATE INDEX IF NOT EXISTS erp_payers_by_grade ON erp_payers (grade);
CREATE INDEX IF NOT EXISTS erp_payers_by_student ON erp_payers (student_name);
CREATE TABLE IF NOT EXISTS erp_fee_heads (
    fee_component VARCHAR(60)  PRIMARY KEY,
    fee_name      VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- Its rows are ERP data, written by ReferenceErp::migrate() (a re-run
-- migration must change nothing, so no INSERT here).
