package dev.rebound.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs DDL scripts such as the one Rebound ships ({@code META-INF/rebound/schema/<database>.sql}): comment lines dropped,
 * split at semicolons, one statement at a time, a table that exists already left as it is.
 *
 * <p>Why not JPA's {@code create-script-source}: EclipseLink runs such a script one line per statement, which the
 * shipped multi-line DDL is not. Why statement by statement: Derby's JDBC driver takes one statement per call.
 */
public final class Ddl {

    /** SQL states for "already exists": Derby's, PostgreSQL's (its script says IF NOT EXISTS anyway). */
    private static final Set<String> EXISTS = Set.of("X0Y32", "42P07");

    private Ddl() {
    }

    /** The resource of Rebound's shipped DDL for the database behind {@code connection} (Derby or PostgreSQL). */
    public static String reboundScript(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return "META-INF/rebound/schema/" + (product.contains("derby") ? "derby" : "postgresql") + ".sql";
    }

    /** The script's statements, read through {@code loader}; fails if it is not there. */
    public static List<String> statements(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("DDL script " + resource + " is not on the class path"
                        + (resource.startsWith("META-INF/rebound/") ? ": is rebound-cdi-extension on it?" : ""));
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The script's statements, read through the thread's context class loader. */
    public static List<String> statements(String resource) {
        return statements(Thread.currentThread().getContextClassLoader(), resource);
    }

    /** A script's text as its statements: comment lines dropped, split at semicolons. */
    public static List<String> split(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
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

    /** Runs the statements in order; one that fails because its object exists already is passed over. */
    public static void run(Connection connection, Collection<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(sql);
            } catch (SQLException e) {
                if (!EXISTS.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }
}
