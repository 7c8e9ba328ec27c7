-- Rebound schema migration for Microsoft SQL Server 2016+ (its version is in the file name only): the table of the
-- database transport (rebound-database-transport), one row per message waiting on a database channel (an outbox).
-- The row keeps the wire format: body is the payload codec's text, headers the JSON of the Rebound headers but the
-- message id ({"correlationId", "causationId", "timestamp", "routingKey", "metadata": {...}}, trace context inside
-- metadata), so that a relay never reads the payload. due_at is when the message may be delivered (a delayed retry),
-- seq the insert order; consumers claim the due rows of their channel in (due_at, seq) order with WITH (UPDLOCK,
-- READPAST, ROWLOCK); owner, lease_until and epoch are the lease of the databases without skip-locked (a claim sets
-- them, epoch + 1; the unit deletes the row only at that epoch). ordering_key is reserved for per-key order. Times
-- are epoch milliseconds. Run by Flyway (classpath:db/rebound/sqlserver), by Liquibase (db/rebound/changelog.xml)
-- and by rebound.schema=create / ReboundSchema.create. A released version is never edited: a change of the table
-- comes as the next version.
CREATE TABLE rebound_message (
    id           VARCHAR(36) NOT NULL,
    channel      NVARCHAR(255) NOT NULL,
    seq          BIGINT IDENTITY(1,1) NOT NULL,
    message_id   VARCHAR(36),
    payload_type NVARCHAR(500),
    body         NVARCHAR(MAX),
    headers      NVARCHAR(MAX),
    handler      NVARCHAR(500),
    kind         NVARCHAR(50),
    attempt      INT NOT NULL,
    origin       NVARCHAR(500),
    resends      INT NOT NULL,
    ordering_key NVARCHAR(500),
    due_at       BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    owner        NVARCHAR(200),
    lease_until  BIGINT,
    epoch        BIGINT NOT NULL,
    CONSTRAINT rebound_message_key PRIMARY KEY (id)
);
CREATE INDEX rebound_message_claim ON rebound_message (channel, due_at, seq);
