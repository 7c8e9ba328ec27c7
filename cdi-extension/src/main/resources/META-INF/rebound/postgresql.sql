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
    note               TEXT,
    channel            VARCHAR(200),
    fingerprint        VARCHAR(64),
    failure_site       VARCHAR(500),
    history            TEXT
);
-- upgrades a table made by an earlier version (the statements above and below are idempotent)
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS channel VARCHAR(200);
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS fingerprint VARCHAR(64);
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS failure_site VARCHAR(500);
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS history TEXT;
CREATE INDEX IF NOT EXISTS rebound_dead_letter_failed_at ON rebound_dead_letter (failed_at, message_id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_channel ON rebound_dead_letter (channel, failed_at, message_id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_handler ON rebound_dead_letter (handler, failed_at, message_id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_exception ON rebound_dead_letter (exception_class, failed_at, message_id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_fingerprint ON rebound_dead_letter (fingerprint, failed_at, message_id);
