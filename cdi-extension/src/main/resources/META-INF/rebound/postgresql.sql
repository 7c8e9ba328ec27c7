-- Rebound dead letter table for PostgreSQL. Times are epoch milliseconds.
CREATE TABLE IF NOT EXISTS rebound_dead_letter (
    message_id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    payload_type       VARCHAR(500),
    body               TEXT,
    headers            TEXT,
    exception_class    VARCHAR(500),
    exception_message  TEXT,
    root_cause_class   VARCHAR(500),
    root_cause_message TEXT,
    stack_trace        TEXT,
    handler            VARCHAR(500),
    origin             VARCHAR(500),
    attempts           INTEGER      NOT NULL,
    failed_at          BIGINT       NOT NULL,
    last_failed_at     BIGINT       NOT NULL,
    note               TEXT
);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_failed_at ON rebound_dead_letter (failed_at, message_id);
