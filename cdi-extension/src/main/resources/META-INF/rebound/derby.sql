-- Rebound dead letter table for Apache Derby. Times are epoch milliseconds.
CREATE TABLE rebound_dead_letter (
    message_id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    payload_type       VARCHAR(500),
    body               CLOB,
    headers            CLOB,
    exception_class    VARCHAR(500),
    exception_message  CLOB,
    root_cause_class   VARCHAR(500),
    root_cause_message CLOB,
    stack_trace        CLOB,
    handler            VARCHAR(500),
    origin             VARCHAR(500),
    attempts           INTEGER      NOT NULL,
    failed_at          BIGINT       NOT NULL,
    last_failed_at     BIGINT       NOT NULL,
    note               CLOB
);
CREATE INDEX rebound_dead_letter_failed_at ON rebound_dead_letter (failed_at, message_id);
