package dev.rebound.database;

import dev.rebound.database.DatabaseSettings.Claim;
import java.util.Locale;

/**
 * The statements of the database transport for one database, built once when the transport first meets its data
 * source (EclipseLink has no skip-locked hint, so the SQL is native and per database).
 *
 * @param database the folder name of ReboundSchema ({@code postgresql}, {@code derby}, ...)
 * @param skipLocked whether consumers claim with SKIP LOCKED (else with a lease)
 */
record Sql(String database, boolean skipLocked, String insert, String claim, String lockById, String candidates,
           String lease, String read, String delete, String giveBack, String depth, String claimHead,
           String candidateHeads) {

    static final String TABLE = "rebound_message";
    private static final String COLUMNS = "id, epoch, message_id, payload_type, body, headers, handler, kind, attempt, "
            + "origin, resends, due_at, seq, ordering_key";
    /**
     * Of an ordered channel, a row is due only as the head of its key: no earlier row (insert order, {@code seq})
     * of its key is left in the channel, in flight, failed and waiting for a delayed retry, or not yet due. The
     * statement's rows are {@code m}.
     */
    static final String HEAD = " AND (m.ordering_key IS NULL OR NOT EXISTS (SELECT 1 FROM " + TABLE + " e WHERE "
            + "e.channel = m.channel AND e.ordering_key = m.ordering_key AND e.seq < m.seq))";
    /**
     * A channel's depth and its oldest due time for the backlog figures: both columns are in the claim index
     * (channel, due_at, seq), so this is an index-only range scan of the channel (checked with EXPLAIN on
     * PostgreSQL), the same SQL on every database.
     */
    static final String BACKLOG = "SELECT COUNT(*), MIN(due_at) FROM " + TABLE + " WHERE channel = ?";
    /** How many unclaimed rows a lease claim looks at, so that two nodes racing for the first one find another. */
    static final int CANDIDATES = 4;

    /**
     * The claim of up to {@code rows} due rows at once, for a relay (Oracle, which refuses a row limit with FOR
     * UPDATE, limits by the statement's max rows instead).
     */
    String claimBatch(int rows) {
        return claim.replace(" LIMIT 1 ", " LIMIT " + rows + " ").replace("SELECT TOP 1 ", "SELECT TOP " + rows + " ");
    }

    /** One more failed relay attempt of a row, given back unleased and due at the first parameter. */
    String bump() {
        return "UPDATE " + TABLE + " SET resends = resends + 1, owner = NULL, lease_until = NULL, due_at = ? "
                + "WHERE id = ? AND epoch = ?";
    }

    /** Deletes {@code rows} rows by id in one statement (a relay's batch, locked by its transaction). */
    static String deleteIds(int rows) {
        return "DELETE FROM " + TABLE + " WHERE id IN (" + "?, ".repeat(rows - 1) + "?)";
    }

    /** Of the rows of the channel with one of {@code keys} ordering keys, the keys and insert order up to a seq. */
    static String keyed(int keys) {
        return "SELECT ordering_key, seq FROM " + TABLE + " WHERE channel = ? AND seq <= ? AND ordering_key IN ("
                + "?, ".repeat(keys - 1) + "?)";
    }

    /** Writes a row anew in its place (same id and seq): an ordered row's delayed retry keeps its position. */
    String rewrite() {
        return "UPDATE " + TABLE + " SET message_id = ?, payload_type = ?, body = ?, headers = ?, handler = ?, "
                + "kind = ?, attempt = ?, origin = ?, resends = ?, due_at = ?, owner = NULL, lease_until = NULL "
                + "WHERE id = ? AND epoch = ?";
    }

    static Sql of(String database, int majorVersion, Claim claim) {
        String db = database.toLowerCase(Locale.ROOT);
        boolean hasSkipLocked = switch (db) {
            case "postgresql", "oracle", "sqlserver" -> true;
            case "mysql" -> majorVersion >= 8;      // MySQL 8; MariaDB has it from 10.6 (older: rebound.database.claim=lease)
            default -> false;                                                              // Derby, H2
        };
        boolean skipLocked = claim == Claim.SKIP_LOCKED || (claim == Claim.AUTO && hasSkipLocked);
        if (claim == Claim.SKIP_LOCKED && !hasSkipLocked) {
            throw new IllegalStateException(DatabaseDiagnostics.noSkipLocked(database));
        }
        String where = " WHERE channel = ? AND due_at <= ?";
        String order = " ORDER BY due_at, seq";
        String claimSql = switch (db) {
            case "sqlserver" -> "SELECT TOP 1 " + COLUMNS + " FROM " + TABLE + " WITH (UPDLOCK, READPAST, ROWLOCK)"
                    + where + order;
            // Oracle refuses a row limit with FOR UPDATE: the consumer fetches one row (each fetched row is locked)
            case "oracle" -> "SELECT " + COLUMNS + " FROM " + TABLE + where + order + " FOR UPDATE SKIP LOCKED";
            default -> "SELECT " + COLUMNS + " FROM " + TABLE + where + order + " LIMIT 1 FOR UPDATE SKIP LOCKED";
        };
        String lockSql = db.equals("sqlserver")
                ? "SELECT epoch FROM " + TABLE + " WITH (UPDLOCK, READPAST, ROWLOCK) WHERE id = ?"
                : "SELECT epoch FROM " + TABLE + " WHERE id = ? FOR UPDATE SKIP LOCKED";
        String free = " AND (lease_until IS NULL OR lease_until < ?)";
        String candidatesSql = "SELECT id, epoch FROM " + TABLE + where + free + order + switch (db) {
            case "mysql" -> " LIMIT " + CANDIDATES;
            case "sqlserver" -> " OFFSET 0 ROWS FETCH NEXT " + CANDIDATES + " ROWS ONLY";
            default -> " FETCH FIRST " + CANDIDATES + " ROWS ONLY";
        };
        // the same statements for an ordered channel, on its rows as m, a row due only as the head of its key
        String claimHeadSql = claimSql.replace(" FROM " + TABLE + " ", " FROM " + TABLE + " m ")
                .replace(where, where + HEAD);
        String candidateHeadsSql = candidatesSql.replace(" FROM " + TABLE + " ", " FROM " + TABLE + " m ")
                .replace(where + free, where + free + HEAD);
        return new Sql(db, skipLocked,
                "INSERT INTO " + TABLE + " (id, channel, message_id, payload_type, body, headers, handler, kind, "
                        + "attempt, origin, resends, ordering_key, due_at, created_at, epoch) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                claimSql, lockSql, candidatesSql,
                "UPDATE " + TABLE + " SET owner = ?, lease_until = ?, epoch = epoch + 1 WHERE id = ? AND epoch = ?"
                        + free,
                "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ? AND epoch = ?",
                "DELETE FROM " + TABLE + " WHERE id = ? AND epoch = ?",
                "UPDATE " + TABLE + " SET owner = NULL, lease_until = NULL, due_at = ? WHERE id = ? AND epoch = ?",
                "SELECT COUNT(*) FROM " + TABLE + " WHERE channel = ?", claimHeadSql, candidateHeadsSql);
    }
}
