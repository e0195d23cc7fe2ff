-- ERP document names may be 140 characters (ERPNext's).
ALTER TABLE jodo_collections ALTER COLUMN invoice_id TYPE VARCHAR(140);
CREATE INDEX IF NOT EXISTS jodo_collections_by_status ON jodo_collections (status);
