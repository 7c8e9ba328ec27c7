package dev.rebound.dashboard.it.support;

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
 * The tests' migration step: runs the DDL that Rebound ships ({@code META-INF/rebound/<database>.sql})
 * when the application starts and before Rebound's consumers
 * start (same event, earlier priority). A table that exists already is left as it is.
 *
 * <p>Not JPA's {@code create-script-source}: EclipseLink runs such a script one line per statement, which the
 * shipped multi-line DDL is not.
 */
@ApplicationScoped
public class Schema {

    /** SQL states for "already exists": Derby's, PostgreSQL's (its script says IF NOT EXISTS anyway). */
    private static final List<String> EXISTS = List.of("X0Y32", "42P07");

    @Resource(lookup = "jdbc/ReboundDS")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object ignored) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            String database = c.getMetaData().getDatabaseProductName().toLowerCase().contains("derby")
                    ? "derby" : "postgresql";
            List<String> statements = new ArrayList<>(statements("META-INF/rebound/" + database + ".sql"));
            for (String sql : statements) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(sql);
                } catch (SQLException e) {
                    if (!EXISTS.contains(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    /** The script's statements: comment lines dropped, split at semicolons. */
    private static List<String> statements(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: is rebound-cdi-extension in "
                        + "WEB-INF/lib?");
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
