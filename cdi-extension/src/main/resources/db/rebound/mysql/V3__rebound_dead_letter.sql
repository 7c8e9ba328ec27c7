-- Rebound schema version 3 for MySQL and MariaDB: one row per failed (message, handler). The key was the message id, so two
-- failed handlers of one event shared a row; it is now id, the name-based UUID of DeadLetterIds.of(message id,
-- handler) (UUID.nameUUIDFromBytes of the UTF-8 of "rebound-dead-letter:<message id>:<handler>": MD5, version 3,
-- IETF variant), and the message id itself when there is no handler. The indexes end in the page order (failed_at, id).
ALTER TABLE rebound_dead_letter ADD COLUMN id VARCHAR(36);
UPDATE rebound_dead_letter SET id = CASE WHEN handler IS NULL THEN message_id
    ELSE MD5(CONCAT('rebound-dead-letter:', message_id, ':', handler)) END;
UPDATE rebound_dead_letter SET id = CONCAT(SUBSTRING(id, 1, 8), '-', SUBSTRING(id, 9, 4), '-3', SUBSTRING(id, 14, 3), '-',
    SUBSTRING('89ab89ab89ab89ab', LOCATE(SUBSTRING(id, 17, 1), '0123456789abcdef'), 1),
    SUBSTRING(id, 18, 3), '-', SUBSTRING(id, 21, 12))
    WHERE handler IS NOT NULL;
ALTER TABLE rebound_dead_letter MODIFY id VARCHAR(36) NOT NULL;
ALTER TABLE rebound_dead_letter DROP PRIMARY KEY;
-- no constraint name: MySQL and MariaDB call every primary key PRIMARY and warn that a given name is ignored (1280)
ALTER TABLE rebound_dead_letter ADD PRIMARY KEY (id);
DROP INDEX rebound_dead_letter_failed_at ON rebound_dead_letter;
DROP INDEX rebound_dead_letter_channel ON rebound_dead_letter;
DROP INDEX rebound_dead_letter_handler ON rebound_dead_letter;
DROP INDEX rebound_dead_letter_exception ON rebound_dead_letter;
DROP INDEX rebound_dead_letter_fingerprint ON rebound_dead_letter;
CREATE INDEX rebound_dead_letter_page ON rebound_dead_letter (failed_at, id);
CREATE INDEX rebound_dead_letter_page_channel ON rebound_dead_letter (channel, failed_at, id);
CREATE INDEX rebound_dead_letter_page_handler ON rebound_dead_letter (handler, failed_at, id);
CREATE INDEX rebound_dead_letter_page_exception ON rebound_dead_letter (exception_class, failed_at, id);
CREATE INDEX rebound_dead_letter_page_fingerprint ON rebound_dead_letter (fingerprint, failed_at, id);
CREATE INDEX rebound_dead_letter_page_message ON rebound_dead_letter (message_id, failed_at, id);
