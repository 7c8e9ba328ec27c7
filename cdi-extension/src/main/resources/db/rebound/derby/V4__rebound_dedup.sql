-- Rebound schema version 4 for Apache Derby: the keys of @Deduplicated handlers, one row per (scope, key) handled.
-- dedup_key is the SHA-256 of the scope's length (4 bytes), the scope and the key (UTF-8) in base64url without
-- padding: 43 ASCII characters, compared byte for byte (case matters); claimed_at is when it was handled, in epoch milliseconds, for the cleanup after
-- rebound.deduplication.retention. About 51 bytes of data per key, plus the two indexes.
CREATE TABLE rebound_dedup (
    dedup_key  CHAR(43) NOT NULL,
    claimed_at BIGINT NOT NULL,
    CONSTRAINT rebound_dedup_key PRIMARY KEY (dedup_key)
);
CREATE INDEX rebound_dedup_claimed_at ON rebound_dedup (claimed_at, dedup_key);
