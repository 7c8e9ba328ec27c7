-- Rebound schema migration for MySQL 8 and MariaDB 10.6+ (its version is in the file name only): the table of the
-- database transport (rebound-database-transport), one row per message waiting on a database channel (an outbox).
-- The row keeps the wire format: body is the payload codec's text, headers the JSON of the Rebound headers but the
-- message id ({"correlationId", "causationId", "timestamp", "routingKey", "metadata": {...}}, trace context inside
-- metadata), so that a relay never reads the payload. due_at is when the message may be delivered (a delayed retry),
-- seq the insert order; consumers claim the due rows of their channel in (due_at, seq) order with FOR UPDATE SKIP
-- LOCKED; owner, lease_until and epoch are the lease of the databases without skip-locked (a claim sets them, epoch
-- + 1; the unit deletes the row only at that epoch). ordering_key is reserved for per-key order. Times are epoch
-- milliseconds. Run by Flyway (classpath:db/rebound/mysql), by Liquibase (db/rebound/changelog.xml) and by
-- rebound.schema=create / ReboundSchema.create (MySQL wants its AUTO_INCREMENT column seq to be a key: the unique
-- key rebound_message_seq). A released version is never edited: a change of the table comes as the next version.
CREATE TABLE rebound_message (
    id           VARCHAR(36) NOT NULL PRIMARY KEY,
    channel      VARCHAR(255) NOT NULL,
    seq          BIGINT NOT NULL AUTO_INCREMENT,
    message_id   VARCHAR(36),
    payload_type VARCHAR(500),
    body         LONGTEXT,
    headers      LONGTEXT,
    handler      VARCHAR(500),
    kind         VARCHAR(50),
    attempt      INT NOT NULL,
    origin       VARCHAR(500),
    resends      INT NOT NULL,
    ordering_key VARCHAR(500),
    due_at       BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    owner        VARCHAR(200),
    lease_until  BIGINT,
    epoch        BIGINT NOT NULL,
    UNIQUE KEY rebound_message_seq (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX rebound_message_claim ON rebound_message (channel, due_at, seq);
