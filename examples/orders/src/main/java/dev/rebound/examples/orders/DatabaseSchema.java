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
 * Creates the demo's own table on first start from its DDL script. Rebound's dead letter table is not made here:
 * {@code rebound.schema=create} (microprofile-config.properties) has Rebound apply the migrations shipped in its
 * jar that the table lacks, before its consumers start; a real application may run the same migrations from its
 * Flyway or Liquibase set-up instead. Runs before Rebound starts its consumers (lower priority number), so that no
 * message is handled before the orders table exists.
 */
@ApplicationScoped
public class DatabaseSchema {

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    private static final String ORDERS = "META-INF/sql/orders-derby.sql";
    private static final String SETTLEMENTS = "META-INF/sql/settlements-derby.sql";

    @Resource(lookup = "jdbc/orders")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object applicationStarted) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, "orders")) {
                run(connection, ORDERS);
                LOG.info("Created table orders from " + ORDERS);
            }
            if (!exists(connection, "settlements")) {
                run(connection, SETTLEMENTS);
                LOG.info("Created table settlements from " + SETTLEMENTS);
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
