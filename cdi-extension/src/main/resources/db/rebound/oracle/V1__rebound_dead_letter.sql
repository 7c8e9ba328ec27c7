-- Rebound schema version 1 for Oracle Database 12.2+: the dead letter table as Rebound first shipped it, one row per failed message
-- (keyed by message_id). Times are epoch milliseconds. Run by Flyway (classpath:db/rebound/oracle), by Liquibase
-- (db/rebound/changelog.xml) and by rebound.schema=create / ReboundSchema.create, in the order V1, V2, V3.
-- A released version is never edited: a change of the table comes as the next version.
CREATE TABLE rebound_dead_letter (
    message_id         VARCHAR2(36 CHAR) NOT NULL PRIMARY KEY,
    payload_type       VARCHAR2(500 CHAR),
    body               CLOB,
    headers            CLOB,
    exception_class    VARCHAR2(500 CHAR),
    exception_message  CLOB,
    root_cause_class   VARCHAR2(500 CHAR),
    root_cause_message CLOB,
    stack_trace        CLOB,
    handler            VARCHAR2(500 CHAR),
    origin             VARCHAR2(500 CHAR),
    attempts           NUMBER(10) NOT NULL,
    failed_at          NUMBER(19) NOT NULL,
    last_failed_at     NUMBER(19) NOT NULL,
    note               CLOB
);
CREATE INDEX rebound_dead_letter_failed_at ON rebound_dead_letter (failed_at, message_id);
