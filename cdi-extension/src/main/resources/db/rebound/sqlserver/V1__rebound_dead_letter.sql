-- Rebound schema version 1 for Microsoft SQL Server 2016+: the dead letter table as Rebound first shipped it, one row per failed message
-- (keyed by message_id). Times are epoch milliseconds. Run by Flyway (classpath:db/rebound/sqlserver), by Liquibase
-- (db/rebound/changelog.xml) and by rebound.schema=create / ReboundSchema.create, in the order V1, V2, V3.
-- A released version is never edited: a change of the table comes as the next version.
CREATE TABLE rebound_dead_letter (
    message_id         VARCHAR(36) NOT NULL,
    payload_type       NVARCHAR(500),
    body               NVARCHAR(MAX),
    headers            NVARCHAR(MAX),
    exception_class    NVARCHAR(500),
    exception_message  NVARCHAR(MAX),
    root_cause_class   NVARCHAR(500),
    root_cause_message NVARCHAR(MAX),
    stack_trace        NVARCHAR(MAX),
    handler            NVARCHAR(500),
    origin             NVARCHAR(500),
    attempts           INT NOT NULL,
    failed_at          BIGINT NOT NULL,
    last_failed_at     BIGINT NOT NULL,
    note               NVARCHAR(MAX),
    CONSTRAINT rebound_dead_letter_message_key PRIMARY KEY (message_id)
);
CREATE INDEX rebound_dead_letter_failed_at ON rebound_dead_letter (failed_at, message_id);
