package dev.rebound.examples.orders;

import dev.rebound.deadletter.ReboundSchema;
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
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates the tables on first start: the demo's own from its DDL script, and Rebound's dead letter table with
 * {@link ReboundSchema#create}, which applies the migrations shipped in Rebound's jar that the table lacks (a real
 * application would run them from its Flyway or Liquibase set-up, or set {@code rebound.schema=create}). JPA schema
 * generation is not used because it would make Rebound's long text columns VARCHAR(255). Runs before Rebound starts
 * its consumers (lower priority number), so that no message is handled before the tables exist.
 */
@ApplicationScoped
public class DatabaseSchema {

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    private static final String ORDERS = "META-INF/sql/orders-derby.sql";

    @Resource(lookup = "jdbc/orders")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object applicationStarted) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, "orders")) {
                run(connection, ORDERS);
                LOG.info("Created table orders from " + ORDERS);
            }
            int from = ReboundSchema.create(connection);
            if (from < ReboundSchema.VERSION) {
                LOG.info("Brought rebound_dead_letter from schema version " + from + " to " + ReboundSchema.VERSION);
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
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(script);
             Statement statement = connection.createStatement()) {
            if (in == null) {
                throw new IOException("DDL script " + script + " is not on the class path");
            }
            for (String sql : ReboundSchema.split(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                statement.execute(sql);
            }
        }
    }
}
