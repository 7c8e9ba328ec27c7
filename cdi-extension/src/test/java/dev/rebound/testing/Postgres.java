package dev.rebound.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** One real PostgreSQL server for the whole test run, with Rebound's schema from its shipped DDL. */
public final class Postgres {

    private static EmbeddedPostgres server;

    private Postgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                execute(ddl("/META-INF/rebound/postgresql.sql"));
                execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(36) PRIMARY KEY, product VARCHAR(100))");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    public static String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    public static void execute(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long count(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String ddl(String resource) throws IOException {
        try (InputStream in = Postgres.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
