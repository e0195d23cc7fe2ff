-- One row per Jodo API call attempt (direction 'out') and per webhook
-- received ('in'): a diagnostic record for the administrator, written in
-- batches off the payment path. Never a secret, a body or a payer's contact:
-- ids, statuses, timings and Jodo's error code only.
-- MariaDB: AUTO_INCREMENT id in insert order; IF NOT EXISTS on every statement
-- (DDL commits at once, so a migration cut in half runs again).
CREATE TABLE IF NOT EXISTS jodo_audit_log (
    id            BIGINT        AUTO_INCREMENT PRIMARY KEY,
    at            VARCHAR(40)   NOT NULL,
    direction     VARCHAR(3)    NOT NULL,
    endpoint      VARCHAR(120),
    event         VARCHAR(100),
    event_id      VARCHAR(100),
    invoice_id    VARCHAR(140),
    collection_id VARCHAR(40),
    order_id      VARCHAR(64),
    http_status   INTEGER       NOT NULL,
    latency_ms    INTEGER       NOT NULL,
    error_code    VARCHAR(40),
    attempt       INTEGER       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS jodo_audit_log_by_invoice ON jodo_audit_log (invoice_id, at);
CREATE INDEX IF NOT EXISTS jodo_audit_log_by_time ON jodo_audit_log (at);
