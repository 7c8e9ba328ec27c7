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
-- upgrades a table made by an earlier version (every statement is idempotent and plain SQL, no procedural
-- block, so that a migration tool may split the file at semicolons)
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS channel VARCHAR(200);
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS fingerprint VARCHAR(64);
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS failure_site VARCHAR(500);
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS history TEXT;
-- the key used to be the message id, so two failed handlers of one event shared a row; the id is now the
-- name-based UUID of DeadLetterIds.of(message id, handler) (UUID.nameUUIDFromBytes: MD5, version 3, IETF
-- variant), and the message id itself when there is no handler
ALTER TABLE rebound_dead_letter ADD COLUMN IF NOT EXISTS id VARCHAR(36);
UPDATE rebound_dead_letter SET id = CASE WHEN handler IS NULL THEN message_id ELSE
    substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 1, 8) || '-'
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 9, 4) || '-3'
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 14, 3) || '-'
    || substr('89ab', (('x' || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 17, 1))::bit(4)::int & 3) + 1, 1)
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 18, 3) || '-'
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 21, 12) END
    WHERE id IS NULL;
ALTER TABLE rebound_dead_letter ALTER COLUMN id SET NOT NULL;
ALTER TABLE rebound_dead_letter DROP CONSTRAINT IF EXISTS rebound_dead_letter_pkey;
CREATE UNIQUE INDEX IF NOT EXISTS rebound_dead_letter_key ON rebound_dead_letter (id);
DROP INDEX IF EXISTS rebound_dead_letter_failed_at;
DROP INDEX IF EXISTS rebound_dead_letter_channel;
DROP INDEX IF EXISTS rebound_dead_letter_handler;
DROP INDEX IF EXISTS rebound_dead_letter_exception;
DROP INDEX IF EXISTS rebound_dead_letter_fingerprint;
-- one index per filter of the dead letter queries, ending in the page order (failed_at, id)
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page ON rebound_dead_letter (failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_channel ON rebound_dead_letter (channel, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_handler ON rebound_dead_letter (handler, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_exception ON rebound_dead_letter (exception_class, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_fingerprint ON rebound_dead_letter (fingerprint, failed_at, id);
CREATE INDEX IF NOT EXISTS rebound_dead_letter_page_message ON rebound_dead_letter (message_id, failed_at, id);
