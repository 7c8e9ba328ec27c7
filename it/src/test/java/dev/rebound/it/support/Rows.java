package dev.rebound.it.support;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The rows handlers write (table it_row, created by ReboundWar), through the same JTA data source as the dead letter (jdbc/ReboundDS): inside a
 * handler they join its transaction, so a rollback takes them away.
 */
@ApplicationScoped
public class Rows {

    @Resource(lookup = "jdbc/ReboundDS")
    DataSource dataSource;

    public void insert(String id, String scenario) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO it_row (id, scenario) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, scenario);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean exists(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM it_row WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int count(String scenario) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM it_row WHERE scenario = ?")) {
            ps.setString(1, scenario);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
