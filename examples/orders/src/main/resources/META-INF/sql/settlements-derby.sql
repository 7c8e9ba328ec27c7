-- The demo's settlements table for Apache Derby: one row per booked settlement (no unique key on purpose: the
-- handler's @Deduplicated is what keeps a re-delivered webhook from booking twice). Times are epoch milliseconds.
CREATE TABLE settlements (
    id         BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   VARCHAR(64)   NOT NULL,
    amount     DECIMAL(12,2) NOT NULL,
    booked_at  BIGINT        NOT NULL
);
