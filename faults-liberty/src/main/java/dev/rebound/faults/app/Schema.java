package dev.rebound.faults.app;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the effect table and Rebound's dead letter table (the DDL shipped in its jar) at the first start, before
 * Rebound starts its consumers (same event, earlier priority). Tables that exist (every restart) are kept.
 */
@ApplicationScoped
public class Schema {

    /** Derby's SQL state for "already exists". */
    private static final String EXISTS = "X0Y32";

    @Resource(lookup = "jdbc/faults")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object started) throws SQLException, IOException {
        List<String> statements = new ArrayList<>(statements("META-INF/sql/effect-derby.sql"));
        statements.addAll(statements("META-INF/rebound/derby.sql"));
        try (Connection c = dataSource.getConnection()) {
            for (String sql : statements) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(sql);
                } catch (SQLException e) {
                    if (!EXISTS.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    /** The script's statements: comment lines dropped, split at semicolons. */
    private List<String> statements(String script) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(script)) {
            if (in == null) {
                throw new IOException("DDL script " + script + " is not on the class path");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            List<String> statements = new ArrayList<>();
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    statements.add(statement.strip());
                }
            }
            return statements;
        }
    }
}
