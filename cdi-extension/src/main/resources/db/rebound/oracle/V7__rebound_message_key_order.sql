-- Rebound schema migration (its version is in the file name only): an index for the per-key order of a database
-- channel (rebound.database.channels.<name>.ordering-key). A keyed row is due only once no earlier row of its key
-- is left in the channel; the relay and the consumers look that up by (channel, ordering_key, seq), which without
-- this index read every row of the channel up to the batch's last seq (the relay's cost per message grew 2.1x from
-- a 10,000 to a 100,000 row backlog). Recognised by the index's name (db/rebound/migrations.txt). A released version
-- is never edited: a change comes as the next version.
CREATE INDEX rebound_message_key ON rebound_message (channel, ordering_key, seq);
