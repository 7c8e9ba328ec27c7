package dev.rebound.it.support;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database transport's table {@code rebound_message} and the deduplication keys ({@code rebound_dedup}) as
 * the tests read them, on jdbc/ReboundDS: inside a JTA transaction the connection joins it (it sees the
 * transaction's own uncommitted rows).
 */
@ApplicationScoped
public class MessageRows {

    /** One row of {@code rebound_message}: what a test checks of it. */
    public record MessageRow(String messageId, int attempt, long dueAt, long createdAt, String handler) {
    }

    @Resource(lookup = "jdbc/ReboundDS")
    DataSource dataSource;

    /** How many rows the channel has: waiting, delayed, in flight. */
    public long depth(String channel) {
        return rows(channel).size();
    }

    public List<MessageRow> rows(String channel) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT message_id, attempt, due_at, created_at, handler"
                     + " FROM rebound_message WHERE channel = ? ORDER BY seq")) {
            ps.setString(1, channel);
            List<MessageRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MessageRow(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of {@code rebound_dedup} (every scope). */
    public long dedupKeys() {
        return count("SELECT COUNT(*) FROM rebound_dedup");
    }

    public void deleteDedupKeys() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM rebound_dedup");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
