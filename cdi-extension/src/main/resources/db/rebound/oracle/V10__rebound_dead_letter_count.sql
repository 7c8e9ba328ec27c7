-- Rebound schema version 10 for Oracle Database: the table of the numbers of dead letters per failure group and channel
-- (see postgresql/V10__rebound_dead_letter_count.sql). On PostgreSQL triggers keep it, and DeadLetters.count(),
-- stats() and groups() read it; here it is created so that every database has the same tables at the same version,
-- and stays empty: Rebound does not keep it on this database, whose queries count the dead letter table itself.
-- A released version is never edited: a change comes as the next version.
CREATE TABLE rebound_dead_letter_count (
    group_key       CHAR(32 CHAR) NOT NULL,
    slot            NUMBER(10) NOT NULL,
    channel         VARCHAR2(200 CHAR),
    fingerprint     VARCHAR2(64 CHAR),
    exception_class VARCHAR2(500 CHAR),
    handler         VARCHAR2(500 CHAR),
    failure_site    VARCHAR2(500 CHAR),
    dead_letters    NUMBER(19) NOT NULL,
    CONSTRAINT rebound_dead_letter_count_key PRIMARY KEY (group_key, slot)
);
