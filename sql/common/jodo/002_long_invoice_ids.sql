-- ERP document names may be 140 characters (ERPNext's); SQLite does not
-- enforce VARCHAR lengths, so only the dialects that do need to widen.
CREATE INDEX IF NOT EXISTS jodo_collections_by_status ON jodo_collections (status);
