package dev.rebound.database.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** What the tests read and write in {@code rebound_message} and their own {@code handled} table, with plain JDBC. */
public final class Tables {

    /** One row per handled message: its key makes a second handling of a message fail its unit. */
    static final String HANDLED_DDL = "CREATE TABLE handled (message_id VARCHAR(80) NOT NULL PRIMARY KEY, "
            + "node VARCHAR(20) NOT NULL)";

    /** The per-key order tests' ledger: one row per handled message, its key and its place in the key's order. */
    static final String LEDGER_DDL = "CREATE TABLE ledger (message_id VARCHAR(80) NOT NULL PRIMARY KEY, "
            + "ordering_key VARCHAR(80) NOT NULL, seq INTEGER NOT NULL, node VARCHAR(20) NOT NULL, "
            + "position BIGINT NOT NULL, UNIQUE (ordering_key, seq))";

    private Tables() {
    }

    /** Rows of the channel: waiting, delayed, in flight. */
    public static long depth(DataSource dataSource, String channel) {
        return count(dataSource, "SELECT COUNT(*) FROM rebound_message WHERE channel = '" + channel + "'");
    }

    public static long count(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A row as a foreign producer would write it: a body, none of Rebound's headers. */
    public static void insertForeign(DataSource dataSource, String channel, String body) {
        String sql = "INSERT INTO rebound_message (id, channel, body, attempt, resends, due_at, created_at, epoch) "
                + "VALUES (?, ?, ?, 1, 0, ?, ?, 0)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            long now = System.currentTimeMillis();
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, channel);
            s.setString(3, body);
            s.setLong(4, now);
            s.setLong(5, now);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
