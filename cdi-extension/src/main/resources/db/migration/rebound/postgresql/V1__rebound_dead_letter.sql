-- Flyway migration (classpath:db/migration/rebound/postgresql): the table as Rebound 0.1 ships it. Never edited once released:
-- a later change of META-INF/rebound/schema/postgresql.sql comes as V2, V3...
-- Rebound dead letter table for PostgreSQL. Times are epoch milliseconds. One row per failed (message, handler):
-- id is the dead letter's key (dev.rebound.deadletter.DeadLetterIds), message_id the failed message's id.
CREATE TABLE IF NOT EXISTS rebound_dead_letter (
    id                 VARCHAR(36)  NOT NULL,
    message_id         VARCHAR(36)  NOT NULL,
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
    history            TEXT,
    CONSTRAINT rebound_dead_letter_key PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page ON rebound_dead_letter (failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_channel ON rebound_dead_letter (channel, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_handler ON rebound_dead_letter (handler, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_exception ON rebound_dead_letter (exception_class, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_fingerprint ON rebound_dead_letter (fingerprint, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_message ON rebound_dead_letter (message_id, failed_at, id);
