-- Rebound schema migration (its version is in the file name only): the node registry. One row per node (process)
-- of the application, written by that node at its start and then every rebound.node.heartbeat-ms in a short
-- transaction of its own, never on a message's path: node is its name (rebound.node), started_at, heartbeat_at and
-- stopped_at (set when it shut down) are epoch milliseconds, heartbeat_ms its interval (a node not heard from in 3 of
-- them is "not seen since heartbeat_at"), version the Rebound it runs, channels its consumers per channel as one line
-- each ("<channel> <state> <consumers> <live> <failure>", URL-encoded fields, at most 4000 characters). Rows of nodes
-- not heard from for 7 days are deleted by the nodes that heartbeat. rebound_channel_pause holds the pauses and
-- resumes of a channel on every node (Nodes.pauseEverywhere): one row per channel, paused 1 or 0, changed_at (epoch
-- ms) and changed_by (the node that asked); each node applies a change at its next heartbeat. Recognised by the key
-- of rebound_node (db/rebound/migrations.txt).
-- A released version is never edited: a change comes as the next version.
CREATE TABLE rebound_node (
    node         VARCHAR(100) NOT NULL,
    started_at   BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    heartbeat_ms BIGINT NOT NULL,
    stopped_at   BIGINT,
    version      VARCHAR(100),
    channels     VARCHAR(4000),
    CONSTRAINT rebound_node_key PRIMARY KEY (node)
);

CREATE TABLE rebound_channel_pause (
    channel    VARCHAR(255) NOT NULL,
    paused     INTEGER NOT NULL,
    changed_at BIGINT NOT NULL,
    changed_by VARCHAR(100),
    CONSTRAINT rebound_channel_pause_key PRIMARY KEY (channel)
);
