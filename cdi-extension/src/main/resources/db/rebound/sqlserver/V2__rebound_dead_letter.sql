-- Rebound schema version 2 for Microsoft SQL Server: the columns of the dead letter queries (channel, failure fingerprint, failure
-- site, attempt history) and one index per filter. Rows of version 1 keep their values; the new columns are null.
ALTER TABLE rebound_dead_letter ADD channel NVARCHAR(200);
ALTER TABLE rebound_dead_letter ADD fingerprint VARCHAR(64);
ALTER TABLE rebound_dead_letter ADD failure_site NVARCHAR(500);
ALTER TABLE rebound_dead_letter ADD history NVARCHAR(MAX);
CREATE INDEX rebound_dead_letter_channel ON rebound_dead_letter (channel, failed_at, message_id);
CREATE INDEX rebound_dead_letter_handler ON rebound_dead_letter (handler, failed_at, message_id);
CREATE INDEX rebound_dead_letter_exception ON rebound_dead_letter (exception_class, failed_at, message_id);
CREATE INDEX rebound_dead_letter_fingerprint ON rebound_dead_letter (fingerprint, failed_at, message_id);
