-- The Jodo plugin's own tables in the ERP database. One row per attempt to
-- collect an invoice (a Pay Order or a Payment Link); `active` = 1 while that
-- attempt may still take money, and the partial unique index lets only one
-- attempt per invoice be active: the database, not the process, prevents a
-- second payable order for the same invoice.
-- Timestamps are ISO 8601 UTC text ("2026-11-24T10:05:45Z"), identical in
-- every dialect and sortable as text.
CREATE TABLE IF NOT EXISTS jodo_collections (
    collection_id  VARCHAR(40)   PRIMARY KEY,
    invoice_id     VARCHAR(40)   NOT NULL,
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
    updated_at     VARCHAR(40)   NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS jodo_collections_one_active
    ON jodo_collections (invoice_id) WHERE active = 1;
CREATE INDEX IF NOT EXISTS jodo_collections_by_invoice ON jodo_collections (invoice_id);
CREATE INDEX IF NOT EXISTS jodo_collections_due ON jodo_collections (next_check_at);
CREATE TABLE IF NOT EXISTS jodo_collection_lines (
    collection_id  VARCHAR(40)   NOT NULL REFERENCES jodo_collections (collection_id),
    line_no        INTEGER       NOT NULL,
    component_type VARCHAR(60)   NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    paid_amount    DECIMAL(14,2),
    settlement_utr VARCHAR(64),
    settled_at     VARCHAR(40),
    PRIMARY KEY (collection_id, line_no)
);
-- Every webhook Jodo delivered and we accepted, stored before we answer 2xx.
-- The primary key on event_id makes a redelivery a no-op.
CREATE TABLE IF NOT EXISTS jodo_webhook_inbox (
    event_id     VARCHAR(100)  PRIMARY KEY,
    event        VARCHAR(100)  NOT NULL,
    order_id     VARCHAR(64),
    body         TEXT          NOT NULL,
    state        VARCHAR(20)   NOT NULL,
    attempts     INTEGER       NOT NULL DEFAULT 0,
    claimed_until VARCHAR(40),
    note         VARCHAR(1000),
    received_at  VARCHAR(40)   NOT NULL,
    processed_at VARCHAR(40)
);
CREATE INDEX IF NOT EXISTS jodo_webhook_inbox_state ON jodo_webhook_inbox (state, received_at);
