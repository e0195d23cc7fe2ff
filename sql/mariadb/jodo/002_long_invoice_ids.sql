-- invoice_id is already VARCHAR(140) on MariaDB (mariadb/jodo/001); only the
-- index of common/002.
CREATE INDEX IF NOT EXISTS jodo_collections_by_status ON jodo_collections (status);
