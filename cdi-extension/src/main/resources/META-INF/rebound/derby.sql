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
    note               CLOB,
    channel            VARCHAR(200),
    fingerprint        VARCHAR(64),
    failure_site       VARCHAR(500),
    history            CLOB
);
CREATE INDEX rebound_dead_letter_failed_at ON rebound_dead_letter (failed_at, message_id);
CREATE INDEX rebound_dead_letter_channel ON rebound_dead_letter (channel, failed_at, message_id);
CREATE INDEX rebound_dead_letter_handler ON rebound_dead_letter (handler, failed_at, message_id);
CREATE INDEX rebound_dead_letter_exception ON rebound_dead_letter (exception_class, failed_at, message_id);
CREATE INDEX rebound_dead_letter_fingerprint ON rebound_dead_letter (fingerprint, failed_at, message_id);
