package dev.rebound.nodes.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The business effect, table {@code node_effect} in the shared PostgreSQL: one row per successful run, written in
 * the caller's JTA transaction, with the node that ran it. No unique key on purpose: a message handled twice shows
 * as two rows.
 */
@ApplicationScoped
public class Effects {

    static final String DDL = "CREATE TABLE IF NOT EXISTS node_effect (message_key VARCHAR(100) NOT NULL, "
            + "channel VARCHAR(20) NOT NULL, node VARCHAR(10) NOT NULL, replayed BOOLEAN NOT NULL, "
            + "handled_at BIGINT NOT NULL)";

    @Resource(lookup = "jdbc/nodes")
    DataSource dataSource;

    void record(String channel, String key, boolean replayed) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO node_effect (message_key, channel, node, "
                     + "replayed, handled_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, channel);
            insert.setString(3, Node.NAME);
            insert.setBoolean(4, replayed);
            insert.setLong(5, System.currentTimeMillis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("effect of " + key + " not written: " + e, e);
        }
    }

    /** Each effect row of the keys with the prefix: {@code key node replayed} ({@code prefix} without wildcards). */
    List<String[]> rows(String prefix) {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT message_key, node, replayed FROM node_effect WHERE message_key LIKE ?")) {
            select.setString(1, prefix + "%");
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    rows.add(new String[] {found.getString(1), found.getString(2), String.valueOf(found.getBoolean(3))});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("effects not read: " + e, e);
        }
        return rows;
    }
}
