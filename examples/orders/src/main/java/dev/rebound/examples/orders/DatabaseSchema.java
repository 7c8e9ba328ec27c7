package dev.rebound.examples.orders;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Creates the tables on first start, from DDL scripts on the class path: the demo's own, and the dead letter
 * table from the script that ships in Rebound's jar. A real application would run the same scripts from its
 * migrations (Flyway, Liquibase); JPA schema generation is not used because it would make Rebound's long text
 * columns VARCHAR(255). Runs before Rebound starts its consumers (lower priority number), so that no message
 * is handled before the tables exist.
 */
@ApplicationScoped
public class DatabaseSchema {

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    /** Table name, and the script that creates it. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"orders", "META-INF/sql/orders-derby.sql"},
            new String[] {"rebound_dead_letter", "META-INF/rebound/schema/derby.sql"});

    @Resource(lookup = "jdbc/orders")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object applicationStarted) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            for (String[] table : TABLES) {
                if (!exists(connection, table[0])) {
                    run(connection, table[1]);
                    LOG.info("Created table " + table[0] + " from " + table[1]);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (ResultSet found = connection.getMetaData().getTables(null, connection.getSchema(),
                table.toUpperCase(Locale.ROOT), null)) {
            return found.next();
        }
    }

    private void run(Connection connection, String script) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        }
    }

    /** The script's statements: comment lines dropped, split at semicolons. */
    private List<String> statements(String script) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(script)) {
            if (in == null) {
                throw new IOException("DDL script " + script + " is not on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
