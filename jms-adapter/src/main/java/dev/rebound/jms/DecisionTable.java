package dev.rebound.jms;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The decisions about failed messages in the table {@code rebound_decision} (schema version 8), shared by the nodes on
 * one broker and one database, through JDBC on the application's JTA data source. Plain SQL, the same on every
 * database Rebound ships migrations for. Thread-safe.
 *
 * <p>The failing node, with no transaction on its thread (the consumer's unit suspended), {@link #route routes}: it
 * writes the row as {@value #ROUTING} and commits it, then locks it on a connection of its own; only then is the
 * unit rolled back (the broker redelivers), the failure decided with no transaction active, and the decision written
 * and committed ({@link Routing#decided}), which releases the lock. The node that gets the redelivery
 * ({@code JMSXDeliveryCount} above 1) {@link #take takes} the row in its unit: a decision is deleted there and
 * carried out, so that the broker's acknowledgement and the deletion commit together and a decision is carried out
 * once whichever nodes see it; a row still {@value #ROUTING} is waited for ({@link #await}, the unit suspended), as
 * long as the deciding node holds its lock: a node that died holds none, its row is removed and the handler runs.
 * Rows whose message never comes back are removed after the retention ({@link #expire}).
 */
final class DecisionTable {

    private static final Logger LOG = Logger.getLogger(DecisionTable.class.getName());

    static final String TABLE = "rebound_decision";
    static final List<String> COLUMNS = List.of("decision_key", "message_id", "kind", "decision", "node",
            "created_at");
    /** The kind of a row whose decision is being made. */
    static final String ROUTING = "ROUTING";
    /** How long a redelivery waits at most for a deciding node's lock (seconds): a node stuck longer is given up. */
    static final int WAIT_SECONDS = 30;
    /** Rows one cleanup statement removes at most, and batches of one run at most. */
    static final int BATCH = 500;
    static final int MAX_BATCHES = 20;

    private static final String INSERT = "INSERT INTO rebound_decision (decision_key, message_id, kind, decision,"
            + " node, created_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM rebound_decision WHERE decision_key = ?";
    private static final String LOCK = "UPDATE rebound_decision SET node = ? WHERE decision_key = ?";
    private static final String DECIDE = "UPDATE rebound_decision SET kind = ?, decision = ? WHERE decision_key = ?";
    private static final String SELECT = "SELECT kind, decision, node FROM rebound_decision WHERE decision_key = ?";
    private static final String TAKE = "DELETE FROM rebound_decision WHERE decision_key = ? AND kind = ?";
    private static final String WAIT = "UPDATE rebound_decision SET kind = kind WHERE decision_key = ?";
    private static final String EXPIRED = "SELECT decision_key FROM rebound_decision WHERE created_at < ?"
            + " ORDER BY created_at";
    private static final String EXPIRE = "DELETE FROM rebound_decision WHERE decision_key = ? AND created_at < ?";

    private final DataSource dataSource;
    private final String node;
    private final long retentionMs;

    /**
     * @param node this node's name in the rows it writes (for an operator reading the table)
     * @param retentionMs how long a row waits for its message at most
     */
    DecisionTable(DataSource dataSource, String node, long retentionMs) {
        this.dataSource = dataSource;
        this.node = node.length() > 100 ? node.substring(0, 100) : node;
        this.retentionMs = retentionMs;
    }

    /** The JVM's {@code pid@host}. */
    static String defaultNode() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    long retentionMs() {
        return retentionMs;
    }

    /**
     * The key of a message's row: the SHA-256 of the Rebound message id and the JMS key of the delivery
     * ({@link JmsConsumer#key}), in base64url without padding (43 characters).
     */
    static String key(UUID messageId, String jmsKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(messageId).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(jmsKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the data source's schema lacks of the table: "table rebound_decision" or its columns; empty if none. */
    static List<String> missing(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData metadata = c.getMetaData();
            String table = metadata.storesUpperCaseIdentifiers() ? TABLE.toUpperCase(Locale.ROOT) : TABLE;
            Set<String> found = new LinkedHashSet<>();
            try (ResultSet columns = metadata.getColumns(c.getCatalog(), c.getSchema(), table, null)) {
                while (columns.next()) {
                    found.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (found.isEmpty()) {
                return List.of("table " + TABLE);
            }
            List<String> missing = new ArrayList<>();
            COLUMNS.stream().filter(column -> !found.contains(column))
                    .forEach(column -> missing.add("column " + TABLE + "." + column));
            return missing;
        }
    }

    /**
     * Writes the message's row as {@value #ROUTING}, commits it and locks it until {@link Routing#decided} or
     * {@link Routing#forget}. To be called with no transaction on the thread (its connection must not join the
     * consumer's unit) and before the unit rolls back, so that the redelivery finds the row wherever it goes. A row
     * left under the key (by a node that died) is replaced.
     */
    Routing route(String key, UUID messageId) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(DELETE);
                 PreparedStatement insert = c.prepareStatement(INSERT)) {
                delete.setString(1, key);
                delete.executeUpdate();
                insert.setString(1, key);
                insert.setString(2, messageId == null ? null : messageId.toString());
                insert.setString(3, ROUTING);
                insert.setString(4, null);
                insert.setString(5, node);
                insert.setLong(6, System.currentTimeMillis());
                insert.executeUpdate();
            }
            c.commit();
            try (PreparedStatement lock = c.prepareStatement(LOCK)) {
                lock.setString(1, node);
                lock.setString(2, key);
                lock.executeUpdate();
            }
            return new Routing(c, key);
        } catch (SQLException | RuntimeException e) {
            release(c);
            throw e;
        }
    }

    /** A row being decided by this node: committed as {@value #ROUTING} and locked by its connection. */
    final class Routing implements AutoCloseable {

        private final Connection connection;
        private final String key;
        private boolean ended;

        private Routing(Connection connection, String key) {
            this.connection = connection;
            this.key = key;
        }

        /** Writes the decision and commits: the lock is released, the redelivery finds it. No transaction on the thread. */
        void decided(Decision decision) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(DECIDE)) {
                update.setString(1, decision.kind().name());
                update.setString(2, DecisionJson.write(decision.kept()));
                update.setString(3, key);
                update.executeUpdate();
                connection.commit();
            } finally {
                close();
            }
        }

        /** Removes the row (no decision to wait for: the handler runs again on the redelivery) and commits. */
        void forget() throws SQLException {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, key);
                delete.executeUpdate();
                connection.commit();
            } finally {
                close();
            }
        }

        /** Ends without a decision: the row stays {@value #ROUTING} unlocked, as a node that died leaves it. */
        @Override
        public void close() {
            if (!ended) {
                ended = true;
                release(connection);
            }
        }
    }

    /** A row as a redelivery finds it: a decision, or {@value #ROUTING} (being decided, or left by a node that died). */
    record Found(String kind, Decision decision, String node) {

        boolean routing() {
            return ROUTING.equals(kind);
        }
    }

    /**
     * In the caller's transaction (the consumer's unit, {@code unit} a connection of it): the message's decision,
     * deleted in that transaction, so that it commits (is used up) only with the unit; a row {@value #ROUTING} as
     * found, not deleted (see {@link #await}); {@code null} without a row. A concurrent take of the same row waits for
     * this transaction and then finds none (it committed) or the row (it rolled back).
     */
    Found take(Connection unit, String key) throws SQLException {
        String kind;
        String text;
        String by;
        try (PreparedStatement select = unit.prepareStatement(SELECT)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                kind = row.getString(1);
                text = row.getString(2);
                by = row.getString(3);
            }
        }
        if (ROUTING.equals(kind)) {
            return new Found(kind, null, by);
        }
        try (PreparedStatement delete = unit.prepareStatement(TAKE)) {
            delete.setString(1, key);
            delete.setString(2, kind);
            if (delete.executeUpdate() != 1) {
                return null;                 // taken by another unit meanwhile
            }
        }
        return new Found(kind, DecisionJson.read(text), by);
    }

    /** {@link #take(Connection, String)} on a connection of the data source (joined to the caller's JTA transaction). */
    Found take(String key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return take(c, key);
        }
    }

    /**
     * Waits, with no transaction on the thread, until the node deciding about the message's row releases its lock
     * (at most {@value #WAIT_SECONDS} s): the row decided meanwhile is returned as found (to be taken in the unit);
     * a row still {@value #ROUTING} then was left by a node that ended before deciding, and is removed; {@code null}
     * without a row.
     */
    Found await(String key) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement wait = c.prepareStatement(WAIT)) {
                wait.setQueryTimeout(WAIT_SECONDS);
                wait.setString(1, key);
                if (wait.executeUpdate() == 0) {
                    c.rollback();
                    return null;
                }
            }
            Found found;
            try (PreparedStatement select = c.prepareStatement(SELECT)) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    found = row.next() ? new Found(row.getString(1), null, row.getString(3)) : null;
                }
            }
            if (found != null && found.routing()) {
                try (PreparedStatement delete = c.prepareStatement(DELETE)) {
                    delete.setString(1, key);
                    delete.executeUpdate();
                }
                c.commit();
            } else {
                c.rollback();
            }
            return found;
        } finally {
            release(c);
        }
    }

    /**
     * Removes rows written before {@code nowMs} minus the retention, oldest first, at most {@value #BATCH} per
     * statement and {@value #MAX_BATCHES} batches per call (the next call goes on); how many it removed.
     */
    int expire(long nowMs) throws SQLException {
        long before = nowMs - retentionMs;
        int removed = 0;
        try (Connection c = dataSource.getConnection()) {
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                List<String> keys = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement(EXPIRED)) {
                    select.setMaxRows(BATCH);
                    select.setLong(1, before);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next() && keys.size() < BATCH) {
                            keys.add(rows.getString(1));
                        }
                    }
                }
                if (keys.isEmpty()) {
                    break;
                }
                try (PreparedStatement delete = c.prepareStatement(EXPIRE)) {
                    for (String key : keys) {
                        delete.setString(1, key);
                        delete.setLong(2, before);
                        delete.addBatch();
                    }
                    for (int count : delete.executeBatch()) {
                        removed += Math.max(count, 0);
                    }
                }
                if (keys.size() < BATCH) {
                    break;
                }
            }
        }
        return removed;
    }

    /** Rolls back what is open, restores auto-commit and closes (a pooled connection goes back as it came). */
    private static void release(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Ending a connection of the decisions table", e);
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Closing a connection of the decisions table", e);
            }
        }
    }
}
