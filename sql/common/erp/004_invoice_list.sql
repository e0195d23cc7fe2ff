-- The invoice list searched among 100,000 invoices: indexes for its filters
-- and sort orders (column, invoice_id: the tie-break of every sort, so a page
-- is read from the index in order, either direction), and the fee names the
-- ERP shows for a line's fee code (an ERP names its fee heads; the code is
-- what the module sends to Jodo).
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
);
-- Its rows are ERP data, written by ReferenceErp::migrate() (a re-run
-- migration must change nothing, so no INSERT here).
