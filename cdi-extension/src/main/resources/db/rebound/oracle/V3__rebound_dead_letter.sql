-- Rebound schema version 3 for Oracle Database: one row per failed (message, handler). The key was the message id, so two
-- failed handlers of one event shared a row; it is now id, the name-based UUID of DeadLetterIds.of(message id,
-- handler) (UUID.nameUUIDFromBytes of the UTF-8 of "rebound-dead-letter:<message id>:<handler>": MD5, version 3,
-- IETF variant), and the message id itself when there is no handler. The indexes end in the page order (failed_at, id).
-- (STANDARD_HASH hashes the database character set's bytes: UTF-8 under AL32UTF8, Oracle's default since 12.2;
-- dropping the primary key drops the index it made)
ALTER TABLE rebound_dead_letter ADD (id VARCHAR2(36 CHAR));
UPDATE rebound_dead_letter SET id = CASE WHEN handler IS NULL THEN message_id
    ELSE LOWER(RAWTOHEX(STANDARD_HASH('rebound-dead-letter:' || message_id || ':' || handler, 'MD5'))) END;
-- the 32 hex digits of the MD5 as the UUID's text: version digit 3, variant digit 8, 9, a or b (the digit's value & 3, + 8)
UPDATE rebound_dead_letter SET id = SUBSTR(id, 1, 8) || '-' || SUBSTR(id, 9, 4) || '-3' || SUBSTR(id, 14, 3) || '-'
    || SUBSTR('89ab89ab89ab89ab', INSTR('0123456789abcdef', SUBSTR(id, 17, 1)), 1)
    || SUBSTR(id, 18, 3) || '-' || SUBSTR(id, 21, 12)
    WHERE handler IS NOT NULL;
ALTER TABLE rebound_dead_letter MODIFY (id NOT NULL);
ALTER TABLE rebound_dead_letter DROP PRIMARY KEY;
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
