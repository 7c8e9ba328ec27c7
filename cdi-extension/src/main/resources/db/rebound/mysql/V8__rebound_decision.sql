-- Rebound schema version 8 for MySQL and MariaDB: the decisions about failed messages of the JMS adapter (rebound-jms-adapter)
-- waiting for their message's redelivery, shared by the nodes on one broker and one database (docs/several-nodes.md).
-- When a handler that joins the consumer's transaction (rebound.jms.transactions=xa or jta) fails, the node writes
-- the row (kind ROUTING) and commits it before the consumer's unit rolls back, holds its lock while it decides, and
-- writes the decision (kind FORWARD, DELIVER, ACK, RESEND or IGNORE; the decision's data as JSON); the node that
-- gets the redelivery looks the row up by its key, carries the decision out and deletes the row in its unit, so
-- that the broker's acknowledgement and the deletion commit together. decision_key is the SHA-256 of the Rebound
-- message id and the JMS message id (base64url, 43 ASCII characters, compared byte for byte); message_id the
-- Rebound message id, node the node that decided, created_at when (epoch milliseconds), for the cleanup after
-- rebound.jms.decisions-retention-ms. A released version is never edited: a change comes as the next version.
CREATE TABLE rebound_decision (
    decision_key CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id   VARCHAR(36),
    kind         VARCHAR(16) NOT NULL,
    decision     LONGTEXT,
    node         VARCHAR(100),
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (decision_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX rebound_decision_created_at ON rebound_decision (created_at);
