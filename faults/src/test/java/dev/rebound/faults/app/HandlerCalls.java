package dev.rebound.faults.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Several nodes ({@code faults.nodes=true}): every handler call is a row in {@code handler_call} (key, Rebound's
 * attempt, node, process), written on a connection of its own in auto-commit, outside the handler's XA
 * transaction, so that a call that fails and rolls back is counted too. Off otherwise.
 */
public final class HandlerCalls {

    private final String url;
    private final String node;
    private final int incarnation;

    HandlerCalls(String url, String node, int incarnation) {
        this.url = url;
        this.node = node;
        this.incarnation = incarnation;
    }

    /** Records a call; a failure to record fails the call (a test must not count fewer calls than were made). */
    void called(String key, int attempt) {
        if (url == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO handler_call (message_key, attempt, node, process) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setInt(2, attempt);
            insert.setString(3, node);
            insert.setInt(4, incarnation);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("FAULTS: the handler call of " + key + " not recorded", e);
        }
    }
}
