-- Rebound schema version 10 for PostgreSQL: the number of dead letters per failure group and channel, kept by the
-- database, so that DeadLetters.count(), stats() and groups() read a few rows instead of counting every dead letter
-- (at 1,000,000 dead letters a count read the whole table: 166 ms, the groups 562 ms). rebound_dead_letter_count
-- holds, per (channel, fingerprint, exception_class, handler, failure_site) and slot, how many dead letters were
-- added minus how many were removed; group_key is the MD5 of those five values (a null as chr(30), separated by
-- chr(31)) and slot the writing connection's backend pid modulo 64, so that concurrent transactions dead-lettering
-- the same failure update different rows instead of waiting for each other's commit. A group's number is the sum
-- over its slots (a slot may be negative: a dead letter is counted in one slot and removed in another); a slot row
-- that reaches 0 is deleted. The triggers count every insert, delete and truncate of rebound_dead_letter and every
-- update that moves a dead letter to another group, whoever writes (Rebound, another tool, SQL by hand), in the
-- writer's transaction; they do not fire under session_replication_role = replica (logical replication), where
-- the numbers would drift: run this file's last statement again (after deleting the rows) to count anew. The
-- index on (fingerprint, last_failed_at) finds a group's latest failure without reading the group.
-- The functions are created OR REPLACEd: they outlive a DROP TABLE of Rebound's tables (which drops the triggers), so
-- that the tables can be made again by this file.
-- Run by Flyway (classpath:db/rebound/postgresql), by Liquibase (db/rebound/changelog.xml) and by
-- rebound.schema=create / ReboundSchema.create. A released version is never edited: a change comes as the next version.
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
CREATE INDEX rebound_dead_letter_last_failed ON rebound_dead_letter (fingerprint, last_failed_at);
CREATE OR REPLACE FUNCTION rebound_dead_letter_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    this_slot INTEGER := pg_backend_pid() % 64;
    emptied   CHAR(32)[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM rebound_dead_letter_count;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        WITH counted AS (
            INSERT INTO rebound_dead_letter_count AS c (group_key, slot, channel, fingerprint, exception_class,
                    handler, failure_site, dead_letters)
            SELECT md5(concat_ws(chr(31), coalesce(channel, chr(30)), coalesce(fingerprint, chr(30)),
                        coalesce(exception_class, chr(30)), coalesce(handler, chr(30)), coalesce(failure_site, chr(30)))),
                   this_slot, channel, fingerprint, exception_class, handler, failure_site, count(*)
                FROM added GROUP BY channel, fingerprint, exception_class, handler, failure_site ORDER BY 1
            ON CONFLICT (group_key, slot) DO UPDATE SET dead_letters = c.dead_letters + EXCLUDED.dead_letters
            RETURNING c.group_key, c.dead_letters
        )
        SELECT array_agg(group_key) INTO emptied FROM counted WHERE dead_letters = 0;
    ELSE
        WITH counted AS (
            INSERT INTO rebound_dead_letter_count AS c (group_key, slot, channel, fingerprint, exception_class,
                    handler, failure_site, dead_letters)
            SELECT md5(concat_ws(chr(31), coalesce(channel, chr(30)), coalesce(fingerprint, chr(30)),
                        coalesce(exception_class, chr(30)), coalesce(handler, chr(30)), coalesce(failure_site, chr(30)))),
                   this_slot, channel, fingerprint, exception_class, handler, failure_site, -count(*)
                FROM removed GROUP BY channel, fingerprint, exception_class, handler, failure_site ORDER BY 1
            ON CONFLICT (group_key, slot) DO UPDATE SET dead_letters = c.dead_letters + EXCLUDED.dead_letters
            RETURNING c.group_key, c.dead_letters
        )
        SELECT array_agg(group_key) INTO emptied FROM counted WHERE dead_letters = 0;
    END IF;
    IF emptied IS NOT NULL THEN
        DELETE FROM rebound_dead_letter_count WHERE slot = this_slot AND group_key = ANY (emptied)
            AND dead_letters = 0;
    END IF;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION rebound_dead_letter_regrouped() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    this_slot INTEGER := pg_backend_pid() % 64;
BEGIN
    INSERT INTO rebound_dead_letter_count AS c (group_key, slot, channel, fingerprint, exception_class, handler,
            failure_site, dead_letters)
    SELECT md5(concat_ws(chr(31), coalesce(v.channel, chr(30)), coalesce(v.fingerprint, chr(30)),
                coalesce(v.exception_class, chr(30)), coalesce(v.handler, chr(30)), coalesce(v.failure_site, chr(30)))),
           this_slot, v.channel, v.fingerprint, v.exception_class, v.handler, v.failure_site, v.n
        FROM (VALUES (OLD.channel, OLD.fingerprint, OLD.exception_class, OLD.handler, OLD.failure_site, -1),
                     (NEW.channel, NEW.fingerprint, NEW.exception_class, NEW.handler, NEW.failure_site, 1))
            AS v (channel, fingerprint, exception_class, handler, failure_site, n)
        ORDER BY 1
    ON CONFLICT (group_key, slot) DO UPDATE SET dead_letters = c.dead_letters + EXCLUDED.dead_letters;
    DELETE FROM rebound_dead_letter_count WHERE slot = this_slot AND dead_letters = 0
        AND group_key IN (md5(concat_ws(chr(31), coalesce(OLD.channel, chr(30)), coalesce(OLD.fingerprint, chr(30)),
            coalesce(OLD.exception_class, chr(30)), coalesce(OLD.handler, chr(30)), coalesce(OLD.failure_site, chr(30)))),
            md5(concat_ws(chr(31), coalesce(NEW.channel, chr(30)), coalesce(NEW.fingerprint, chr(30)),
            coalesce(NEW.exception_class, chr(30)), coalesce(NEW.handler, chr(30)), coalesce(NEW.failure_site, chr(30)))));
    RETURN NULL;
END
$$;
CREATE TRIGGER rebound_dead_letter_added AFTER INSERT ON rebound_dead_letter
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rebound_dead_letter_counted();
CREATE TRIGGER rebound_dead_letter_removed AFTER DELETE ON rebound_dead_letter
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION rebound_dead_letter_counted();
CREATE TRIGGER rebound_dead_letter_truncated AFTER TRUNCATE ON rebound_dead_letter
    FOR EACH STATEMENT EXECUTE FUNCTION rebound_dead_letter_counted();
CREATE TRIGGER rebound_dead_letter_moved AFTER UPDATE OF channel, fingerprint, exception_class, handler, failure_site
    ON rebound_dead_letter FOR EACH ROW
    WHEN (OLD.channel IS DISTINCT FROM NEW.channel OR OLD.fingerprint IS DISTINCT FROM NEW.fingerprint
        OR OLD.exception_class IS DISTINCT FROM NEW.exception_class OR OLD.handler IS DISTINCT FROM NEW.handler
        OR OLD.failure_site IS DISTINCT FROM NEW.failure_site)
    EXECUTE FUNCTION rebound_dead_letter_regrouped();
INSERT INTO rebound_dead_letter_count (group_key, slot, channel, fingerprint, exception_class, handler, failure_site,
        dead_letters)
    SELECT md5(concat_ws(chr(31), coalesce(channel, chr(30)), coalesce(fingerprint, chr(30)),
                coalesce(exception_class, chr(30)), coalesce(handler, chr(30)), coalesce(failure_site, chr(30)))),
           0, channel, fingerprint, exception_class, handler, failure_site, count(*)
        FROM rebound_dead_letter GROUP BY channel, fingerprint, exception_class, handler, failure_site;
