-- As sql/common/erp/005, with every statement a no-op when run again
-- (MariaDB commits DDL at once).
ALTER TABLE erp_invoices ADD COLUMN IF NOT EXISTS student_name VARCHAR(200);
CREATE INDEX IF NOT EXISTS erp_invoices_by_student ON erp_invoices (student_name, invoice_id);
