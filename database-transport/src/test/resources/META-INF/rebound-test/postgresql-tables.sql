-- the database transport's tests: one row per handled message (its key catches a second handling)
CREATE TABLE IF NOT EXISTS handled (message_id VARCHAR(80) NOT NULL PRIMARY KEY, node VARCHAR(20) NOT NULL);
