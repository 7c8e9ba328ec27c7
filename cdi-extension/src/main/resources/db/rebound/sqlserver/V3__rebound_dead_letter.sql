-- Rebound schema version 3 for Microsoft SQL Server: one row per failed (message, handler). The key was the message id, so two
-- failed handlers of one event shared a row; it is now id, the name-based UUID of DeadLetterIds.of(message id,
-- handler) (UUID.nameUUIDFromBytes of the UTF-8 of "rebound-dead-letter:<message id>:<handler>": MD5, version 3,
-- IETF variant), and the message id itself when there is no handler. The indexes end in the page order (failed_at, id).
-- (HASHBYTES hashes the VARCHAR's code page bytes: the UTF-8 bytes for handler ids in ASCII, as Java's are)
ALTER TABLE rebound_dead_letter ADD id VARCHAR(36) NULL;
UPDATE rebound_dead_letter SET id = CASE WHEN handler IS NULL THEN message_id
    ELSE LOWER(CONVERT(VARCHAR(32), HASHBYTES('MD5',
        CONVERT(VARCHAR(600), 'rebound-dead-letter:' + message_id + ':' + handler)), 2)) END;
-- the 32 hex digits of the MD5 as the UUID's text: version digit 3, variant digit 8, 9, a or b (the digit's value & 3, + 8)
UPDATE rebound_dead_letter SET id = SUBSTRING(id, 1, 8) + '-' + SUBSTRING(id, 9, 4) + '-3' + SUBSTRING(id, 14, 3) + '-'
    + SUBSTRING('89ab89ab89ab89ab', CHARINDEX(SUBSTRING(id, 17, 1), '0123456789abcdef'), 1)
    + SUBSTRING(id, 18, 3) + '-' + SUBSTRING(id, 21, 12)
    WHERE handler IS NOT NULL;
ALTER TABLE rebound_dead_letter ALTER COLUMN id VARCHAR(36) NOT NULL;
ALTER TABLE rebound_dead_letter DROP CONSTRAINT rebound_dead_letter_message_key;
ALTER TABLE rebound_dead_letter ADD CONSTRAINT rebound_dead_letter_key PRIMARY KEY (id);
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
