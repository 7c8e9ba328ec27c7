package dev.rebound.faults.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The business effect, table {@code effect}: written in the caller's JTA transaction, counted by key. */
@ApplicationScoped
public class Effects {

    @Resource(lookup = "jdbc/faults")
    DataSource dataSource;

    void record(String key, boolean replayed) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO effect (message_key, replayed, handled_at) VALUES (?, ?, ?)")) {
            insert.setString(1, key);
            insert.setShort(2, (short) (replayed ? 1 : 0));
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("effect of " + key + " not written: " + e, e);
        }
    }

    /** Rows per key, for the keys that start with the prefix ({@code prefix} must not contain LIKE wildcards). */
    Map<String, Integer> counts(String prefix) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT message_key, COUNT(*) FROM effect WHERE message_key LIKE ? GROUP BY message_key")) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("effects not read: " + e, e);
        }
        return counts;
    }
}
