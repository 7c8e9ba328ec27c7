-- Rebound schema version 10 for MySQL and MariaDB: the table of the numbers of dead letters per failure group and channel
-- (see postgresql/V10__rebound_dead_letter_count.sql). On PostgreSQL triggers keep it, and DeadLetters.count(),
-- stats() and groups() read it; here it is created so that every database has the same tables at the same version,
-- and stays empty: Rebound does not keep it on this database, whose queries count the dead letter table itself.
-- A released version is never edited: a change comes as the next version.
CREATE TABLE rebound_dead_letter_count (
    group_key       CHAR(32) NOT NULL,
    slot            INTEGER NOT NULL,
    channel         VARCHAR(200),
    fingerprint     VARCHAR(64),
    exception_class VARCHAR(500),
    handler         VARCHAR(500),
    failure_site    VARCHAR(500),
    dead_letters    BIGINT NOT NULL,
    CONSTRAINT rebound_dead_letter_count_key PRIMARY KEY (group_key, slot)
);
