package dev.rebound.dedup;

import java.util.Locale;

/**
 * The statements of deduplication in each database's SQL. The claim inserts the key unless it is there, and
 * never fails on a duplicate, so that the transaction it runs in (the handler's, maybe an XA one) stays good; a
 * concurrent claim of the same key waits for the first one's transaction and then inserts nothing (it committed)
 * or inserts (it rolled back). Derby and H2 have no such statement: their claim can still meet the other's insert
 * on the primary key when both run at the same moment, which {@link DedupStore} turns into a retry. Derby's is an
 * {@code INSERT ... WHERE NOT EXISTS}, not a {@code MERGE}: after a {@code MERGE} had met such a race, the next one on
 * that connection failed inside Derby 10.16 with a NullPointerException on Liberty (it closed the connection).
 *
 * <p>The cleanup removes at most {@code batch} expired keys in the order of the index on {@code (claimed_at,
 * dedup_key)}, which serves it: the oldest first, one total order, so that two nodes cleaning at once lock rows in
 * the same order and wait for each other instead of deadlocking (PostgreSQL and SQL Server skip the rows another
 * node holds). A batch starts at a lower bound, the oldest key left (found by {@link #oldest()} from the previous
 * batch's bound), so that it never walks the index entries of the rows the batches before it deleted (not yet
 * vacuumed, they made each batch slower than the one before: 460 ms with 1.5 million keys left). In the key's
 * order instead, each batch's rows lay on as many table pages as rows; in time order, they are neighbours.
 * Parameters: the claim's key and time (epoch ms); the cleanup's lower bound (inclusive) and limit time
 * (exclusive), in that order in the text too (a JDBC caller binds them by position).
 */
public enum DedupDialect {

    /** The rows found by the index are deleted by their physical address (ctid): no second look-up per row. */
    POSTGRESQL("INSERT INTO rebound_dedup (dedup_key, claimed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            "DELETE FROM rebound_dedup WHERE ctid = ANY (ARRAY(SELECT ctid FROM rebound_dedup WHERE claimed_at >= ?1"
                    + " AND claimed_at < ?2 ORDER BY claimed_at, dedup_key LIMIT %d FOR UPDATE SKIP LOCKED))"),
    DERBY("INSERT INTO rebound_dedup (dedup_key, claimed_at) SELECT CAST(?1 AS CHAR(43)), CAST(?2 AS BIGINT)"
            + " FROM SYSIBM.SYSDUMMY1 WHERE NOT EXISTS (SELECT 1 FROM rebound_dedup WHERE dedup_key = ?1)",
            "DELETE FROM rebound_dedup WHERE dedup_key IN (SELECT dedup_key FROM rebound_dedup WHERE claimed_at >= ?1"
                    + " AND claimed_at < ?2 ORDER BY claimed_at, dedup_key FETCH FIRST %d ROWS ONLY)"),
    H2("MERGE INTO rebound_dedup d USING (VALUES (CAST(?1 AS CHAR(43)), CAST(?2 AS BIGINT))) s(k, t)"
            + " ON d.dedup_key = s.k WHEN NOT MATCHED THEN INSERT (dedup_key, claimed_at) VALUES (s.k, s.t)",
            "DELETE FROM rebound_dedup WHERE dedup_key IN (SELECT dedup_key FROM rebound_dedup WHERE claimed_at >= ?1"
                    + " AND claimed_at < ?2 ORDER BY claimed_at, dedup_key FETCH FIRST %d ROWS ONLY)"),
    /** MySQL and MariaDB: INSERT IGNORE turns the duplicate key into a warning (the key column is ASCII, binary). */
    MYSQL("INSERT IGNORE INTO rebound_dedup (dedup_key, claimed_at) VALUES (?1, ?2)",
            "DELETE FROM rebound_dedup WHERE claimed_at >= ?1 AND claimed_at < ?2 ORDER BY claimed_at, dedup_key"
                    + " LIMIT %d"),
    ORACLE("INSERT /*+ IGNORE_ROW_ON_DUPKEY_INDEX(rebound_dedup (dedup_key)) */ INTO rebound_dedup"
            + " (dedup_key, claimed_at) VALUES (?1, ?2)",
            "DELETE FROM rebound_dedup WHERE dedup_key IN (SELECT dedup_key FROM rebound_dedup WHERE claimed_at >= ?1"
                    + " AND claimed_at < ?2 ORDER BY claimed_at, dedup_key FETCH FIRST %d ROWS ONLY)"),
    /** HOLDLOCK: the MERGE's look-up keeps its key-range lock until the insert, so two cannot both insert. */
    SQLSERVER("MERGE INTO rebound_dedup WITH (HOLDLOCK) AS d USING (SELECT ?1 AS k, ?2 AS t) AS s"
            + " ON d.dedup_key = s.k WHEN NOT MATCHED THEN INSERT (dedup_key, claimed_at) VALUES (s.k, s.t);",
            "DELETE FROM rebound_dedup WHERE dedup_key IN (SELECT TOP (%d) dedup_key FROM rebound_dedup WITH (READPAST)"
                    + " WHERE claimed_at >= ?1 AND claimed_at < ?2 ORDER BY claimed_at, dedup_key)");

    /** The same on every database: the index's first entry from the bound on. */
    private static final String OLDEST = "SELECT MIN(claimed_at) FROM rebound_dedup WHERE claimed_at >= ?1"
            + " AND claimed_at < ?2";

    private final String claim;
    private final String cleanup;

    DedupDialect(String claim, String cleanup) {
        this.claim = claim;
        this.cleanup = cleanup;
    }

    /** The dialect of a database by the name of its migrations' folder ({@code ReboundSchema.database}). */
    public static DedupDialect of(String database) {
        return valueOf(database.toUpperCase(Locale.ROOT));
    }

    /** Inserts the key (?1) with its time (?2) unless it is there: 1 row claimed, 0 for a duplicate. */
    public String claim() {
        return claim;
    }

    /** Removes at most {@code batch} keys claimed from ?1 (inclusive) and before ?2, the oldest first. */
    public String cleanup(int batch) {
        return String.format(Locale.ROOT, cleanup, batch);
    }

    /** The oldest claim time from ?1 (inclusive) and before ?2, NULL if none: where the next batch starts. */
    public String oldest() {
        return OLDEST;
    }
}
