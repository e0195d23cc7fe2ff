-- common/004, in MariaDB's DROP INDEX syntax.
CREATE INDEX IF NOT EXISTS jodo_collections_due_order ON jodo_collections (next_check_at, collection_id);
DROP INDEX IF EXISTS jodo_collections_due ON jodo_collections;
