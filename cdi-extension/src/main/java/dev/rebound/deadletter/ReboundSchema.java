package dev.rebound.deadletter;

import dev.rebound.core.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Rebound's tables, for an application that does not copy the shipped DDL into its migrations: {@link #create}
 * runs {@code META-INF/rebound/schema/<database>.sql} statement by statement, {@link #missing} says what a schema
 * lacks. JDBC only, so that it runs in any container and before JPA is used.
 *
 * <p>Why not JPA's {@code create-script-source}: EclipseLink runs such a script one line per statement, which the
 * shipped multi-line DDL is not. Why statement by statement: Derby's JDBC driver takes one statement per call.
 */
public final class ReboundSchema {

    public static final String TABLE = "rebound_dead_letter";

    /** The dead letter table's columns, as {@link DeadLetterEntity} maps them. */
    public static final List<String> COLUMNS = List.of("id", "message_id", "payload_type", "body", "headers",
            "exception_class", "exception_message", "root_cause_class", "root_cause_message", "stack_trace",
            "handler", "origin", "attempts", "failed_at", "last_failed_at", "note", "channel", "fingerprint",
            "failure_site", "history");

    /** The databases whose DDL is shipped, by the name of their script. */
    public static final List<String> DATABASES = List.of("postgresql", "derby", "h2");

    /** SQL states for "already exists": Derby's, PostgreSQL's, H2's (their scripts mostly say IF NOT EXISTS). */
    private static final Set<String> EXISTS = Set.of("X0Y32", "42P07", "42S01", "42S11", "42101", "42111");

    private ReboundSchema() {
    }

    /** The shipped script's resource name for a database of {@link #DATABASES}. */
    public static String script(String database) {
        return "META-INF/rebound/schema/" + database + ".sql";
    }

    /** The database behind the connection, by its JDBC product name; fails if Rebound ships no DDL for it. */
    public static String database(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String name = product.toLowerCase(Locale.ROOT).replace(" ", "");
        for (String database : DATABASES) {
            if (name.contains(database)) {
                return database;
            }
        }
        throw new IllegalStateException(Diagnostics.unsupportedSchemaDatabase(product, DATABASES));
    }

    /** The shipped DDL's statements for the database. */
    public static List<String> statements(String database) {
        String resource = script(database);
        try (InputStream in = ReboundSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(Diagnostics.unsupportedSchemaDatabase(database, DATABASES));
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
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

    /** Runs the shipped DDL of the connection's database; an object that exists already is left as it is. */
    public static void create(Connection connection) throws SQLException {
        for (String sql : statements(database(connection))) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(sql);
            } catch (SQLException e) {
                if (!EXISTS.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /** {@link #create(Connection)} on a connection of the data source (in auto-commit, unless in a transaction). */
    public static void create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            create(c);
        }
    }

    /**
     * What the connection's schema lacks of Rebound's tables, each as "table x" or "column x.y"; empty when
     * complete. Looks in the connection's current schema, in the case the database keeps unquoted names in.
     */
    public static List<String> missing(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String table = metadata.storesUpperCaseIdentifiers() ? TABLE.toUpperCase(Locale.ROOT) : TABLE;
        String schema = connection.getSchema();
        Set<String> found = new LinkedHashSet<>();
        boolean tableFound;
        try (ResultSet tables = metadata.getTables(connection.getCatalog(), schema, table, null)) {
            tableFound = tables.next();
        }
        if (!tableFound) {
            return List.of("table " + TABLE);
        }
        try (ResultSet columns = metadata.getColumns(connection.getCatalog(), schema, table, null)) {
            while (columns.next()) {
                found.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return COLUMNS.stream().filter(column -> !found.contains(column))
                .map(column -> "column " + TABLE + "." + column).toList();
    }

    /** Whether the schema has no dead letter table at all (as opposed to one that lacks columns). */
    static boolean tableMissing(List<String> missing) {
        return missing.equals(List.of("table " + TABLE));
    }
}
