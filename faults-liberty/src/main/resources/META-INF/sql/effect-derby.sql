-- The handler's business effect: one row per successful run, in the handler's transaction. No unique key on
-- purpose, so that a message handled twice shows as two rows.
CREATE TABLE effect (
    message_key VARCHAR(100) NOT NULL,
    replayed    SMALLINT     NOT NULL,
    handled_at  BIGINT       NOT NULL
);
