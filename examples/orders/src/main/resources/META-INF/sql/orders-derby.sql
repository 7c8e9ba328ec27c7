-- The demo's orders table for Apache Derby. Times are epoch milliseconds.
CREATE TABLE orders (
    order_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    product           VARCHAR(200)  NOT NULL,
    amount            DECIMAL(12,2) NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    payment_reference VARCHAR(64),
    placed_at         BIGINT        NOT NULL,
    paid_at           BIGINT,
    shipped_at        BIGINT
);
