-- The Jodo plugin's own tables on MariaDB: as sql/common/jodo/001 (read its
-- comments), in utf8mb4 with a binary collation (ids compare exactly, as on
-- SQLite and PostgreSQL). invoice_id is 140 characters from the start
-- (common/002 widens it elsewhere). Each statement is a no-op when re-run:
-- MariaDB commits DDL at once, so a crash may leave a migration half done.
--
-- MariaDB has no partial index. One active collection per invoice is kept by
-- the database all the same: active_invoice_id holds invoice_id while
-- active = 1 and NULL otherwise, and a unique index allows any number of
-- NULLs but each invoice id only once.
CREATE TABLE IF NOT EXISTS jodo_collections (
    collection_id  VARCHAR(40)   PRIMARY KEY,
    invoice_id     VARCHAR(140)  NOT NULL,
    kind           VARCHAR(16)   NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    active         SMALLINT      NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    order_id       VARCHAR(64)   UNIQUE,
    redirect_url   VARCHAR(2000),
    expires_at     VARCHAR(40),
    paid_at        VARCHAR(40),
    transaction_id VARCHAR(64),
    error_code     VARCHAR(40),
    error_reason   VARCHAR(1000),
    review_reason  VARCHAR(1000),
    next_check_at  VARCHAR(40),
    check_count    INTEGER       NOT NULL DEFAULT 0,
    created_at     VARCHAR(40)   NOT NULL,
    updated_at     VARCHAR(40)   NOT NULL,
    active_invoice_id VARCHAR(140) AS (CASE WHEN active = 1 THEN invoice_id END) PERSISTENT,
    UNIQUE KEY jodo_collections_one_active (active_invoice_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS jodo_collections_by_invoice ON jodo_collections (invoice_id);
CREATE INDEX IF NOT EXISTS jodo_collections_due ON jodo_collections (next_check_at);
CREATE TABLE IF NOT EXISTS jodo_collection_lines (
    collection_id  VARCHAR(40)   NOT NULL,
    line_no        INTEGER       NOT NULL,
    component_type VARCHAR(60)   NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    paid_amount    DECIMAL(14,2),
    settlement_utr VARCHAR(64),
    settled_at     VARCHAR(40),
    PRIMARY KEY (collection_id, line_no),
    FOREIGN KEY (collection_id) REFERENCES jodo_collections (collection_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS jodo_webhook_inbox (
    event_id     VARCHAR(100)  PRIMARY KEY,
    event        VARCHAR(100)  NOT NULL,
    order_id     VARCHAR(64),
    body         LONGTEXT      NOT NULL,
    state        VARCHAR(20)   NOT NULL,
    attempts     INTEGER       NOT NULL DEFAULT 0,
    claimed_until VARCHAR(40),
    note         VARCHAR(1000),
    received_at  VARCHAR(40)   NOT NULL,
    processed_at VARCHAR(40)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS jodo_webhook_inbox_state ON jodo_webhook_inbox (state, received_at);
