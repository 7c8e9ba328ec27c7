-- Rebound schema version 1 for PostgreSQL: the dead letter table as Rebound first shipped it, one row per failed message
-- (keyed by message_id). Times are epoch milliseconds. Run by Flyway (classpath:db/rebound/postgresql), by Liquibase
-- (db/rebound/changelog.xml) and by rebound.schema=create / ReboundSchema.create, in the order V1, V2, V3.
-- A released version is never edited: a change of the table comes as the next version.
CREATE TABLE rebound_dead_letter (
    message_id         VARCHAR(36) NOT NULL PRIMARY KEY,
    payload_type       VARCHAR(500),
    body               TEXT,
    headers            TEXT,
    exception_class    VARCHAR(500),
    exception_message  TEXT,
    root_cause_class   VARCHAR(500),
    root_cause_message TEXT,
    stack_trace        TEXT,
    handler            VARCHAR(500),
    origin             VARCHAR(500),
    attempts           INTEGER NOT NULL,
    failed_at          BIGINT NOT NULL,
    last_failed_at     BIGINT NOT NULL,
    note               TEXT
);
CREATE INDEX rebound_dead_letter_failed_at ON rebound_dead_letter (failed_at, message_id);
