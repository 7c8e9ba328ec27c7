-- Rebound schema version 3 for Apache Derby: one row per failed (message, handler). The key was the message id, so two
-- failed handlers of one event shared a row; it is now id, the name-based UUID of DeadLetterIds.of(message id,
-- handler) (UUID.nameUUIDFromBytes of the UTF-8 of "rebound-dead-letter:<message id>:<handler>": MD5, version 3,
-- IETF variant), and the message id itself when there is no handler. The indexes end in the page order (failed_at, id).
--
-- Derby has no MD5 function, so a row of version 2 keeps its message id as its id (unique: it was the key). Such a
-- row is found, listed, replayed and deleted by that id like any other; only a new failure of the same message in
-- the same handler while the old row is still there makes a second row (under the computed id) instead of adding
-- an attempt to the old one. Rows of messages without a handler get exactly their computed id (the message id).
ALTER TABLE rebound_dead_letter ADD COLUMN id VARCHAR(36);
UPDATE rebound_dead_letter SET id = message_id;
ALTER TABLE rebound_dead_letter ALTER COLUMN id NOT NULL;
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
