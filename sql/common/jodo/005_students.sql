-- Student-linked Pay. jodo_students: what the module last sent Jodo for each
-- ERP student (so a sync sends only what changed) and the Jodo id Register
-- Student gave it. `state` registering is written before the request
-- (intent), registered after its answer; unknown when the answer was lost.
-- jodo_student_payments: each payment Jodo lists for a student, once: the
-- primary key on Jodo's payment id makes a second posting into the ERP
-- impossible; origin 'erp' marks a payment this module pushed (never posted
-- back). jodo_counter_payments: each ERP counter receipt sent with Add
-- Payment, intent before the request, outcome after.
CREATE TABLE IF NOT EXISTS jodo_students (
    student_id      VARCHAR(140)  PRIMARY KEY,
    jodo_student_id VARCHAR(64)   UNIQUE,
    registration_id VARCHAR(140),
    state           VARCHAR(20)   NOT NULL,
    profile_sent    TEXT,
    fees_sent       TEXT,
    synced_at       VARCHAR(40),
    error_reason    VARCHAR(1000),
    updated_at      VARCHAR(40)   NOT NULL
);
CREATE TABLE IF NOT EXISTS jodo_student_payments (
    payment_id      VARCHAR(64)   PRIMARY KEY,
    jodo_student_id VARCHAR(64)   NOT NULL,
    student_id      VARCHAR(140),
    origin          VARCHAR(8)    NOT NULL,
    amount          DECIMAL(14,2) NOT NULL,
    advance_amount  DECIMAL(14,2),
    posted_at       VARCHAR(40)   NOT NULL,
    settled_at      VARCHAR(40),
    review_reason   VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS jodo_student_payments_by_student
    ON jodo_student_payments (jodo_student_id);
CREATE TABLE IF NOT EXISTS jodo_counter_payments (
    receipt_id      VARCHAR(140)  PRIMARY KEY,
    student_id      VARCHAR(140)  NOT NULL,
    jodo_student_id VARCHAR(64),
    amount          DECIMAL(14,2) NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    error_reason    VARCHAR(1000),
    updated_at      VARCHAR(40)   NOT NULL
);
