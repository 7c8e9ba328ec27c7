-- the database transport's tests: one row per handled message (its key catches a second handling)
CREATE TABLE IF NOT EXISTS handled (message_id VARCHAR(80) NOT NULL PRIMARY KEY, node VARCHAR(20) NOT NULL);
-- the per-key order tests' ledger: one row per handled message, with its key and its place in the key's order
CREATE TABLE IF NOT EXISTS ledger (message_id VARCHAR(80) NOT NULL PRIMARY KEY, ordering_key VARCHAR(80) NOT NULL, seq INTEGER NOT NULL, node VARCHAR(20) NOT NULL, position BIGINT NOT NULL, UNIQUE (ordering_key, seq));
