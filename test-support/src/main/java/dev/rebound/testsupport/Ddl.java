package dev.rebound.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs DDL scripts such as the migrations Rebound ships ({@code db/rebound/<database>/V<n>__<name>.sql}):
 * comment lines dropped,
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

    /**
     * Rebound's shipped migrations for a database ({@code postgresql}, {@code derby}...), in order, as
     * {@code db/rebound/migrations.txt} lists them. (The application's way is {@code ReboundSchema.create}, which
     * test-support cannot call: cdi-extension's tests depend on this module.)
     */
    public static List<String> reboundMigrations(ClassLoader loader, String database) {
        List<String> migrations = new ArrayList<>();
        for (String[] step : steps(loader)) {
            migrations.add("db/rebound/" + database + "/" + step[1] + ".sql");
        }
        return migrations;
    }

    /** The lines of {@code db/rebound/migrations.txt}: version, file name, {@code table.column} marker. */
    private static List<String[]> steps(ClassLoader loader) {
        String index = "db/rebound/migrations.txt";
        try (InputStream in = loader.getResourceAsStream(index)) {
            if (in == null) {
                throw new IllegalStateException("No " + index + " on the class path: is rebound-cdi-extension on it?");
            }
            List<String[]> steps = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    steps.add(line.strip().split("\\s+"));
                }
            }
            return steps;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + index, e);
        }
    }

    /**
     * The statements that bring Rebound's tables to the shipped version on the database behind {@code connection}
     * (Derby or PostgreSQL): the migrations whose column ({@code migrations.txt}'s marker) the schema lacks.
     */
    public static List<String> reboundStatements(ClassLoader loader, Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String database = product.contains("derby") ? "derby" : "postgresql";
        boolean upper = connection.getMetaData().storesUpperCaseIdentifiers();
        List<String> statements = new ArrayList<>();
        for (String[] step : steps(loader)) {
            String[] marker = step[2].split("\\.");
            String table = upper ? marker[0].toUpperCase(Locale.ROOT) : marker[0];
            String column = upper ? marker[1].toUpperCase(Locale.ROOT) : marker[1];
            if (!has(connection, table, column)) {
                statements.addAll(statements(loader, "db/rebound/" + database + "/" + step[1] + ".sql"));
            }
        }
        return statements;
    }

    /** Whether the table has the marker's column, or its index for a marker {@code index:<name>}. */
    private static boolean has(Connection connection, String table, String marker) throws SQLException {
        if (!marker.toLowerCase(Locale.ROOT).startsWith("index:")) {
            try (ResultSet found = connection.getMetaData().getColumns(connection.getCatalog(),
                    connection.getSchema(), table, marker)) {
                return found.next();
            }
        }
        String index = marker.substring("index:".length());
        try (ResultSet found = connection.getMetaData().getIndexInfo(connection.getCatalog(),
                connection.getSchema(), table, false, true)) {
            while (found.next()) {
                if (index.equalsIgnoreCase(found.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The script's statements, read through {@code loader}; fails if it is not there. */
    public static List<String> statements(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("DDL script " + resource + " is not on the class path"
                        + (resource.startsWith("db/rebound/") ? ": is rebound-cdi-extension on it?" : ""));
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

    /**
     * A script's text as its statements: comment lines dropped, split at semicolons outside dollar quotes
     * ({@code $$ ... $$}, the body of a PostgreSQL function), as {@code ReboundSchema.split} (which this module
     * cannot see) splits them.
     */
    public static List<String> split(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '$' && i + 1 < sql.length() && sql.charAt(i + 1) == '$') {
                quoted = !quoted;
                i++;
            } else if (sql.charAt(i) == ';' && !quoted) {
                String statement = sql.substring(start, i);
                if (!statement.isBlank()) {
                    statements.add(statement.strip());
                }
                start = i + 1;
            }
        }
        if (!sql.substring(start).isBlank()) {
            statements.add(sql.substring(start).strip());
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
