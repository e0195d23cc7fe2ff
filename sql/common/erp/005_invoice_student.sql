-- The invoice keeps the name of the student it was raised for, as ERPNext's
-- Fees (student_name) and Odoo's account.move (invoice_partner_display_name)
-- do: the list sorts by it from one index (student_name, invoice_id), where a
-- sort through the payers' table sorted every joined row on a deep page.
-- ReferenceErp::migrate() fills it from the payer for invoices written
-- before this, or by hand without it (one place, every dialect).
ALTER TABLE erp_invoices ADD COLUMN student_name VARCHAR(200);
CREATE INDEX IF NOT EXISTS erp_invoices_by_student ON erp_invoices (student_name, invoice_id);
