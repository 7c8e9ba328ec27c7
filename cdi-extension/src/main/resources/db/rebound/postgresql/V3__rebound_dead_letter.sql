-- Rebound schema version 3 for PostgreSQL: one row per failed (message, handler). The key was the message id, so two
-- failed handlers of one event shared a row; it is now id, the name-based UUID of DeadLetterIds.of(message id,
-- handler) (UUID.nameUUIDFromBytes of the UTF-8 of "rebound-dead-letter:<message id>:<handler>": MD5, version 3,
-- IETF variant), and the message id itself when there is no handler. The indexes end in the page order (failed_at, id).
ALTER TABLE rebound_dead_letter ADD COLUMN id VARCHAR(36);
UPDATE rebound_dead_letter SET id = CASE WHEN handler IS NULL THEN message_id ELSE
    substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 1, 8) || '-'
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 9, 4) || '-3'
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 14, 3) || '-'
    || substr('89ab', (('x' || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 17, 1))::bit(4)::int & 3) + 1, 1)
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 18, 3) || '-'
    || substr(md5('rebound-dead-letter:' || message_id || ':' || handler), 21, 12) END;
ALTER TABLE rebound_dead_letter ALTER COLUMN id SET NOT NULL;
ALTER TABLE rebound_dead_letter DROP CONSTRAINT rebound_dead_letter_pkey;
ALTER TABLE rebound_dead_letter ADD CONSTRAINT rebound_dead_letter_key PRIMARY KEY (id);
DROP INDEX rebound_dead_letter_failed_at;
DROP INDEX rebound_dead_letter_channel;
DROP INDEX rebound_dead_letter_handler;
DROP INDEX rebound_dead_letter_exception;
DROP INDEX rebound_dead_letter_fingerprint;
CREATE INDEX rebound_dead_letter_page ON rebound_dead_letter (failed_at, id);
CREATE INDEX rebound_dead_letter_page_channel ON rebound_dead_letter (channel, failed_at, id);
CREATE INDEX rebound_dead_letter_page_handler ON rebound_dead_letter (handler, failed_at, id);
CREATE INDEX rebound_dead_letter_page_exception ON rebound_dead_letter (exception_class, failed_at, id);
CREATE INDEX rebound_dead_letter_page_fingerprint ON rebound_dead_letter (fingerprint, failed_at, id);
CREATE INDEX rebound_dead_letter_page_message ON rebound_dead_letter (message_id, failed_at, id);
