package dev.rebound.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Empty databases for the schema tests (Derby and H2 in memory, a fresh schema of the JVM's embedded PostgreSQL),
 * and what the tests read back: rows, columns, indexes. A dead letter table "of version n" is made by running the
 * shipped migrations 1 to n, as an earlier Rebound left it. Public for the module schema-tests (MariaDB, Flyway 9 on
 * Derby), which reads it from this module's test jar.
 */
public final class Databases {

    static {
        // Derby's log under target/, not in the module's folder
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    /** The six indexes of the dead letter queries, as version 3 makes them. */
    public static final List<String> PAGE_INDEXES = List.of("rebound_dead_letter_page", "rebound_dead_letter_page_channel",
            "rebound_dead_letter_page_exception", "rebound_dead_letter_page_fingerprint",
            "rebound_dead_letter_page_handler", "rebound_dead_letter_page_message");

    /** The PostgreSQL schemas {@link #empty} made, for {@link #dropSchemas}. */
    private static final List<String> SCHEMAS = new ArrayList<>();

    private Databases() {
    }

    /** Drops the PostgreSQL schemas made so far, so that other tests of the JVM's server see only theirs. */
    public static synchronized void dropSchemas() {
        SCHEMAS.forEach(schema -> Postgres.execute("DROP SCHEMA " + schema + " CASCADE"));
        SCHEMAS.clear();
    }

    /** A new empty database (or PostgreSQL schema), as a data source whose connections are in it. */
    public static DataSource empty(String database) {
        String name = "rebound" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (database) {
            case "derby" -> {
                EmbeddedDataSource derby = new EmbeddedDataSource();
                derby.setDatabaseName("memory:" + name);
                derby.setCreateDatabase("create");
                return derby;
            }
            case "h2" -> {
                return h2(name, null);
            }
            case "postgresql" -> {
                Postgres.execute("CREATE SCHEMA " + name);
                synchronized (Databases.class) {
                    SCHEMAS.add(name);
                }
                PGSimpleDataSource postgres = new PGSimpleDataSource();
                postgres.setUrl(Postgres.jdbcUrl());
                postgres.setCurrentSchema(name);
                return postgres;
            }
            default -> throw new IllegalArgumentException(database);
        }
    }

    /** An in-memory H2 database, in a compatibility mode ({@code MySQL}, {@code Oracle}...) unless null. */
    public static DataSource h2(String name, String mode) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + (mode == null ? "" : ";MODE=" + mode));
        return h2;
    }

    /** What {@link ReboundSchema#missing} says of the dead letter table only (the later tables are missing too). */
    public static List<String> missingOfDeadLetters(Connection c) throws SQLException {
        return ReboundSchema.missing(c).stream().filter(missing -> missing.contains(ReboundSchema.TABLE + ".")
                || missing.equals("table " + ReboundSchema.TABLE)).toList();
    }

    /** Runs the shipped migrations 1 to {@code version} of the database, as an earlier Rebound's DDL did. */
    public static void atVersion(Connection c, String database, int version) throws SQLException {
        for (int v = 1; v <= version; v++) {
            execute(c, ReboundSchema.statements(database, v));
        }
    }

    public static void execute(Connection c, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
        }
    }

    /**
     * Two dead letters as a table of version 1 holds them (keyed by message id): one of a handler, one of a message
     * that reached none; returns their message ids in that order.
     */
    public static List<UUID> insertFirstShapeRows(Connection c) throws SQLException {
        UUID ofHandler = UUID.randomUUID();
        UUID withoutHandler = UUID.randomUUID();
        execute(c, List.of("INSERT INTO rebound_dead_letter (message_id, payload_type, body, handler, attempts, "
                + "failed_at, last_failed_at) VALUES ('" + ofHandler + "', 'a.Ship', '{\"orderId\":\"o-1\"}', "
                + "'a.Shipping#ship', 3, 1000, 2000)",
                "INSERT INTO rebound_dead_letter (message_id, body, attempts, failed_at, last_failed_at) VALUES ('"
                        + withoutHandler + "', 'not json', 1, 3000, 3000)"));
        return List.of(ofHandler, withoutHandler);
    }

    /**
     * Asserts the rows of {@link #insertFirstShapeRows} after the upgrade to the last version: kept whole, under the
     * id of {@link DeadLetterIds} (on Derby, which cannot compute it in SQL, under the message id: see derby/V3).
     */
    public static void assertFirstShapeRowsUpgraded(Connection c, String database, List<UUID> messages) throws SQLException {
        UUID ofHandler = database.equals("derby") ? messages.get(0)
                : DeadLetterIds.of(messages.get(0), "a.Shipping#ship");
        assertThat(rows(c)).containsExactly(
                ofHandler + " " + messages.get(0) + " a.Shipping#ship 3 {\"orderId\":\"o-1\"}",
                messages.get(1) + " " + messages.get(1) + " null 1 not json");
        if (database.equals("postgresql")) { // version 10 counted the rows it found
            assertThat(number(c, "SELECT sum(dead_letters) FROM rebound_dead_letter_count")).isEqualTo(2);
        }
    }

    /** The first column of the query's one row as a number (0 for SQL NULL). */
    public static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The rows as "id message_id handler attempts body", ordered by failed_at. */
    public static List<String> rows(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, message_id, handler, "
                + "attempts, body FROM rebound_dead_letter ORDER BY failed_at")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getInt(4) + " "
                        + r.getString(5));
            }
        }
        return rows;
    }

    /** The dead letter table's indexes (lower case) with their columns, the primary key's under "primary key". */
    public static Map<String, List<String>> indexes(Connection c) throws SQLException {
        DatabaseMetaData metadata = c.getMetaData();
        String table = metadata.storesUpperCaseIdentifiers() ? "REBOUND_DEAD_LETTER" : "rebound_dead_letter";
        Map<String, TreeMap<Short, String>> columns = new TreeMap<>();
        try (ResultSet r = metadata.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
            while (r.next()) {
                if (r.getString("INDEX_NAME") != null && r.getString("COLUMN_NAME") != null) {
                    columns.computeIfAbsent(r.getString("INDEX_NAME").toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                            .put(r.getShort("ORDINAL_POSITION"), r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, List<String>> indexes = new TreeMap<>();
        columns.forEach((name, byPosition) -> indexes.put(name, List.copyOf(byPosition.values())));
        List<String> key = new ArrayList<>();
        try (ResultSet r = metadata.getPrimaryKeys(c.getCatalog(), c.getSchema(), table)) {
            TreeMap<Short, String> byPosition = new TreeMap<>();
            while (r.next()) {
                byPosition.put(r.getShort("KEY_SEQ"), r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
            key.addAll(byPosition.values());
        }
        indexes.put("primary key", key);
        return indexes;
    }

    /** The indexes of the dead letter queries that the table has, by name. */
    public static TreeSet<String> pageIndexes(Connection c) throws SQLException {
        TreeSet<String> names = new TreeSet<>(indexes(c).keySet());
        names.retainAll(PAGE_INDEXES);
        return names;
    }

    /**
     * Asserts the table is the whole shape of the last version: every column, the key on id, the six page indexes
     * with their columns, and no index of an earlier version left.
     */
    public static void assertLatest(Connection c) throws SQLException {
        assertThat(ReboundSchema.missing(c)).isEmpty();
        assertThat(ReboundSchema.version(c)).isEqualTo(ReboundSchema.VERSION);
        Map<String, List<String>> indexes = indexes(c);
        assertThat(indexes.get("primary key")).containsExactly("id");
        assertThat(indexes).containsEntry("rebound_dead_letter_page", List.of("failed_at", "id"))
                .containsEntry("rebound_dead_letter_page_channel", List.of("channel", "failed_at", "id"))
                .containsEntry("rebound_dead_letter_page_handler", List.of("handler", "failed_at", "id"))
                .containsEntry("rebound_dead_letter_page_exception", List.of("exception_class", "failed_at", "id"))
                .containsEntry("rebound_dead_letter_page_fingerprint", List.of("fingerprint", "failed_at", "id"))
                .containsEntry("rebound_dead_letter_page_message", List.of("message_id", "failed_at", "id"))
                .doesNotContainKeys("rebound_dead_letter_failed_at", "rebound_dead_letter_channel",
                        "rebound_dead_letter_handler", "rebound_dead_letter_exception",
                        "rebound_dead_letter_fingerprint");
    }

    /**
     * On PostgreSQL, version 10's triggers and index on the dead letter table (a table dropped by hand and made
     * again has neither: the store then counts the long way, REBOUND-2095); nothing elsewhere.
     */
    public static void assertCounted(Connection c) throws SQLException {
        if (c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
            Map<String, List<String>> indexes = indexes(c);
            assertThat(number(c, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'rebound_dead_letter'::regclass "
                    + "AND tgname LIKE 'rebound_dead_letter_%' AND tgenabled <> 'D'")).as("version 10's triggers")
                    .isEqualTo(4);
            assertThat(indexes).containsEntry("rebound_dead_letter_last_failed", List.of("fingerprint",
                    "last_failed_at"));
        }
    }
}
