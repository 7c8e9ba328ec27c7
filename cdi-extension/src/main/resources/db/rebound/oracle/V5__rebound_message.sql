-- Rebound schema migration for Oracle Database 12.2+ (its version is in the file name only): the table of the
-- database transport (rebound-database-transport), one row per message waiting on a database channel (an outbox).
-- The row keeps the wire format: body is the payload codec's text, headers the JSON of the Rebound headers but the
-- message id ({"correlationId", "causationId", "timestamp", "routingKey", "metadata": {...}}, trace context inside
-- metadata), so that a relay never reads the payload. due_at is when the message may be delivered (a delayed retry),
-- seq the insert order; consumers claim the due rows of their channel in (due_at, seq) order with FOR UPDATE SKIP
-- LOCKED; owner, lease_until and epoch are the lease of the databases without skip-locked (a claim sets them, epoch
-- + 1; the unit deletes the row only at that epoch). ordering_key is reserved for per-key order. Times are epoch
-- milliseconds. Run by Flyway (classpath:db/rebound/oracle), by Liquibase (db/rebound/changelog.xml) and by
-- rebound.schema=create / ReboundSchema.create. A released version is never edited: a change of the table comes as
-- the next version.
CREATE TABLE rebound_message (
    id           VARCHAR2(36 CHAR) NOT NULL PRIMARY KEY,
    channel      VARCHAR2(255 CHAR) NOT NULL,
    seq          NUMBER(19) GENERATED ALWAYS AS IDENTITY,
    message_id   VARCHAR2(36 CHAR),
    payload_type VARCHAR2(500 CHAR),
    body         CLOB,
    headers      CLOB,
    handler      VARCHAR2(500 CHAR),
    kind         VARCHAR2(50 CHAR),
    attempt      NUMBER(10) NOT NULL,
    origin       VARCHAR2(500 CHAR),
    resends      NUMBER(10) NOT NULL,
    ordering_key VARCHAR2(500 CHAR),
    due_at       NUMBER(19) NOT NULL,
    created_at   NUMBER(19) NOT NULL,
    owner        VARCHAR2(200 CHAR),
    lease_until  NUMBER(19),
    epoch        NUMBER(19) NOT NULL
);
CREATE INDEX rebound_message_claim ON rebound_message (channel, due_at, seq);
