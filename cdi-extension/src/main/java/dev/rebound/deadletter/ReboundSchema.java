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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Rebound's tables, for an application that does not run Rebound's migrations with Flyway or Liquibase:
 * {@link #create} applies the shipped migrations {@code db/rebound/<database>/V<n>__<name>.sql} (listed in
 * {@code db/rebound/migrations.txt}) that the schema lacks, statement by statement; {@link #missing} says what a schema lacks. The same files are Flyway's
 * ({@code classpath:db/rebound/<database>}) and Liquibase's ({@code db/rebound/changelog.xml}): one source of DDL.
 * JDBC only, so that it runs in any container and before JPA is used.
 *
 * <p>The version a table is at is read from its columns ({@link #version}), not from a history table of its own:
 * so a table made by Flyway, Liquibase, an earlier Rebound or by hand is upgraded the same way, and the Liquibase
 * changelog recognises a table made here by the same columns.
 *
 * <p>Why not JPA's {@code create-script-source}: EclipseLink runs such a script one line per statement, which the
 * shipped multi-line DDL is not. Why statement by statement: Derby's JDBC driver takes one statement per call.
 */
public final class ReboundSchema {

    private static final Logger LOG = Logger.getLogger(ReboundSchema.class.getName());

    public static final String TABLE = "rebound_dead_letter";

    /** The dead letter table's columns, as {@link DeadLetterEntity} maps them. */
    public static final List<String> COLUMNS = List.of("id", "message_id", "payload_type", "body", "headers",
            "exception_class", "exception_message", "root_cause_class", "root_cause_message", "stack_trace",
            "handler", "origin", "attempts", "failed_at", "last_failed_at", "note", "channel", "fingerprint",
            "failure_site", "history", "claimed_by", "claim_epoch", "claimed_until");

    /** The table of the {@code @Deduplicated} handlers' keys (version 4). */
    public static final String DEDUP_TABLE = "rebound_dedup";

    /** Its columns: the hash of scope and key, the time it was claimed (epoch ms). */
    public static final List<String> DEDUP_COLUMNS = List.of("dedup_key", "claimed_at");

    /** The database transport's table (rebound-database-transport): one row per message on a database channel (version 5). */
    public static final String MESSAGE_TABLE = "rebound_message";

    /** The columns of {@link #MESSAGE_TABLE}, as the database transport reads and writes them. */
    public static final List<String> MESSAGE_COLUMNS = List.of("id", "channel", "seq", "message_id", "payload_type",
            "body", "headers", "handler", "kind", "attempt", "origin", "resends", "ordering_key", "due_at",
            "created_at", "owner", "lease_until", "epoch");

    /** The node registry: one row per node (process) of the application, its heartbeat and consumers (version 9). */
    public static final String NODE_TABLE = "rebound_node";

    /** The columns of {@link #NODE_TABLE}, as {@code dev.rebound.nodes.NodeTable} reads and writes them. */
    public static final List<String> NODE_COLUMNS = List.of("node", "started_at", "heartbeat_at", "heartbeat_ms",
            "stopped_at", "version", "channels");

    /** The pauses of a channel on every node: one row per channel, applied by each node's heartbeat (version 9). */
    public static final String CHANNEL_PAUSE_TABLE = "rebound_channel_pause";

    /** The columns of {@link #CHANNEL_PAUSE_TABLE}. */
    public static final List<String> CHANNEL_PAUSE_COLUMNS = List.of("channel", "paused", "changed_at", "changed_by");

    /**
     * The numbers of dead letters per failure group, channel and slot (version 10): kept by triggers on PostgreSQL
     * and read by {@code JpaDeadLetterStore} there; empty on the other databases.
     */
    public static final String COUNT_TABLE = "rebound_dead_letter_count";

    /** The columns of {@link #COUNT_TABLE}. */
    public static final List<String> COUNT_COLUMNS = List.of("group_key", "slot", "channel", "fingerprint",
            "exception_class", "handler", "failure_site", "dead_letters");

    /**
     * The JMS adapter's table (rebound-jms-adapter): the decisions about failed messages waiting for their
     * redelivery, shared by the nodes on one broker (version 8).
     */
    public static final String DECISION_TABLE = "rebound_decision";

    /** The columns of {@link #DECISION_TABLE}, as the JMS adapter reads and writes them. */
    public static final List<String> DECISION_COLUMNS = List.of("decision_key", "message_id", "kind", "decision",
            "node", "created_at");

    /**
     * Every table Rebound's migrations make, with the columns it has at {@link #VERSION}, in the order they were
     * added: what {@link #missing} checks. A migration that adds a table or a column adds it here.
     */
    public static final Map<String, List<String>> TABLES = tables();

    /** The shipped migrations, in order, from {@code db/rebound/migrations.txt} (see there). */
    private static final List<Step> STEPS = steps();

    /** The prefix of a migration's marker that is an index, not a column ({@code rebound_message.index:name}). */
    private static final String INDEX = "index:";

    /** The schema version of this Rebound: the number of the last migration it ships. */
    public static final int VERSION = STEPS.size();

    /**
     * One migration: its version, its file's name without {@code .sql}, and the column it adds by which
     * {@link #version} recognises a schema at that version (for a table's first version, its key).
     */
    private record Step(int version, String file, String table, String column) {
    }

    private static Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put(TABLE, COLUMNS);
        tables.put(DEDUP_TABLE, DEDUP_COLUMNS);
        tables.put(MESSAGE_TABLE, MESSAGE_COLUMNS);
        tables.put(DECISION_TABLE, DECISION_COLUMNS);
        tables.put(NODE_TABLE, NODE_COLUMNS);
        tables.put(CHANNEL_PAUSE_TABLE, CHANNEL_PAUSE_COLUMNS);
        tables.put(COUNT_TABLE, COUNT_COLUMNS);
        return Collections.unmodifiableMap(tables);
    }

    private static List<Step> steps() {
        String resource = "db/rebound/migrations.txt";
        try (InputStream in = ReboundSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + resource + " beside " + ReboundSchema.class);
            }
            List<Step> steps = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+");
                String[] marker = parts[2].split("\\.");
                Step step = new Step(Integer.parseInt(parts[0]), parts[1], marker[0], marker[1]);
                if (step.version() != steps.size() + 1) {
                    throw new IllegalStateException(resource + " lists version " + step.version() + " after "
                            + steps.size());
                }
                steps.add(step);
            }
            return List.copyOf(steps);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The databases whose migrations are shipped, by the name of their folder. */
    public static final List<String> DATABASES = List.of("postgresql", "derby", "h2", "mysql", "oracle",
            "sqlserver");

    /** JDBC product names (lower case, without spaces) that are not their folder's name. */
    private static final Map<String, String> PRODUCTS = Map.of("mariadb", "mysql", "microsoftsqlserver",
            "sqlserver", "apachederby", "derby");

    private ReboundSchema() {
    }

    /** The resource of a shipped migration: version {@code version} (1 to {@link #VERSION}) for the database. */
    public static String migration(String database, int version) {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException(Diagnostics.unknownSchemaVersion(version, VERSION));
        }
        return "db/rebound/" + database + "/" + STEPS.get(version - 1).file() + ".sql";
    }

    /** The database behind the connection, by its JDBC product name; fails if Rebound ships no DDL for it. */
    public static String database(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String name = product.toLowerCase(Locale.ROOT).replace(" ", "");
        if (PRODUCTS.containsKey(name)) {
            return PRODUCTS.get(name);
        }
        for (String database : DATABASES) {
            if (name.contains(database)) {
                return database;
            }
        }
        throw new IllegalStateException(Diagnostics.unsupportedSchemaDatabase(product, DATABASES));
    }

    /** The statements of one shipped migration of the database. */
    public static List<String> statements(String database, int version) {
        if (!DATABASES.contains(database)) {
            throw new IllegalArgumentException(Diagnostics.unsupportedSchemaDatabase(database, DATABASES));
        }
        String resource = migration(database, version);
        try (InputStream in = ReboundSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + resource + " beside " + ReboundSchema.class);
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /**
     * A script's text as its statements: comment lines dropped, split at semicolons outside dollar quotes
     * ({@code $$ ... $$}, the body of a PostgreSQL function, is one statement with its semicolons).
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
                add(statements, sql.substring(start, i));
                start = i + 1;
            }
        }
        add(statements, sql.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        if (!statement.isBlank()) {
            statements.add(statement.strip());
        }
    }

    /**
     * The schema version the connection's schema is at, read from its tables' columns: 0 when there is no table of
     * Rebound's, else the last version whose column it has (see {@code db/rebound/migrations.txt}). A version
     * applied in part (on a database whose DDL does not roll back) counts as applied; {@link #missing} then names
     * what it lacks.
     */
    public static int version(Connection connection) throws SQLException {
        return reached(connection).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Per table, the last version whose marker column it has (tables without one are left out). */
    private static Map<String, Integer> reached(Connection connection) throws SQLException {
        Map<String, Integer> reached = new HashMap<>();
        Map<String, Set<String>> found = new HashMap<>();
        for (Step step : STEPS) {
            Set<String> columns = found.get(step.table());
            if (columns == null) {
                columns = columns(connection, step.table());
                found.put(step.table(), columns);
            }
            if (columns.contains(step.column())) {
                reached.put(step.table(), step.version());
            }
        }
        return reached;
    }

    /**
     * The versions {@link #create} applies, in order: per table, those after the last version whose column the
     * table has (so each table is versioned as {@link #version} versions the schema: a version applied in part counts
     * as applied). Tables are independent: a dead letter table dropped by hand is made again even where the
     * deduplication table of a later version exists, and the other way round.
     */
    static List<Integer> pending(Connection connection) throws SQLException {
        Map<String, Integer> reached = reached(connection);
        List<Integer> pending = new ArrayList<>();
        for (Step step : STEPS) {
            if (step.version() > reached.getOrDefault(step.table(), 0)) {
                pending.add(step.version());
            }
        }
        return pending;
    }

    /** {@link #version(Connection)} on a connection of the data source. */
    public static int version(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return version(c);
        }
    }

    /**
     * Applies the shipped migrations of the connection's database that its table lacks, after {@link #version}, so
     * that it ends at {@link #VERSION}; a table at that version is left as it is. On a connection in auto-commit
     * each migration runs in a transaction of its own (PostgreSQL and Derby roll a failed one back whole); on one
     * in a local transaction, in that transaction. In auto-commit, several processes may run it at once on the same
     * schema (the nodes of a cluster starting together): a migration another one committed first is skipped
     * (REBOUND-2055 at INFO) and the others go on. For a connection enlisted in a JTA transaction use
     * {@link #createInTransaction}: an application server's connection may report auto-commit there and yet refuse
     * to change it (Open Liberty: DSRA9350E).
     *
     * @return the version the table was at before
     */
    public static int create(Connection connection) throws SQLException {
        return create(connection, connection.getAutoCommit());
    }

    /**
     * As {@link #create(Connection)}, on a connection whose transaction is the caller's (a JTA transaction): the
     * migrations run in it, and it is never committed, rolled back or switched to auto-commit here.
     *
     * @return the version the table was at before
     */
    public static int createInTransaction(Connection connection) throws SQLException {
        return create(connection, false);
    }

    private static int create(Connection connection, boolean autoCommit) throws SQLException {
        String database = database(connection);
        int from = version(connection);
        List<Integer> pending = pending(connection);
        if (!autoCommit) {
            // the caller's transaction: a failed statement dooms it, so there is nothing to try again here
            for (int version : pending) {
                apply(connection, database, version);
            }
            return from;
        }
        connection.setAutoCommit(false);
        try {
            int raced = 0;
            while (!pending.isEmpty()) {
                int version = pending.get(0);
                try {
                    apply(connection, database, version);
                    connection.commit();
                    pending = pending.subList(1, pending.size());
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    // Several nodes of an application starting at once on the same database all find the same
                    // migrations pending; the one that commits a migration first wins, the others' statements then
                    // fail (PostgreSQL: "relation already exists", or pg_type's unique key). The migration another
                    // node applied is no longer pending when read again: go on with what still is.
                    List<Integer> now = pending(connection);
                    if (now.contains(version) || ++raced > VERSION) {
                        throw e;
                    }
                    LOG.info(Diagnostics.migrationAppliedMeanwhile(migration(database, version)));
                    pending = now;
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return from;
    }

    private static void apply(Connection connection, String database, int version) throws SQLException {
        List<String> statements = statements(database, version);
        for (int i = 0; i < statements.size(); i++) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(statements.get(i));
            } catch (SQLException e) {
                throw new SQLException(Diagnostics.migrationFailed(migration(database, version), i + 1,
                        e.getMessage()), e.getSQLState(), e);
            }
        }
    }

    /** {@link #create(Connection)} on a connection of the data source (in auto-commit, unless in a transaction). */
    public static int create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return create(c);
        }
    }

    /**
     * What the connection's schema lacks of Rebound's tables, each as "table x", "column x.y" or "index z"; empty when
     * complete. Looks in the connection's current schema, in the case the database keeps unquoted names in.
     */
    public static List<String> missing(Connection connection) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> table : TABLES.entrySet()) {
            Set<String> found = columns(connection, table.getKey());
            if (found.isEmpty()) {
                missing.add("table " + table.getKey());
                continue;
            }
            table.getValue().stream().filter(column -> !found.contains(column))
                    .forEach(column -> missing.add("column " + table.getKey() + "." + column));
            STEPS.stream().filter(step -> step.table().equals(table.getKey()) && step.column().startsWith(INDEX)
                            && !found.contains(step.column()))
                    .forEach(step -> missing.add("index " + step.column().substring(INDEX.length())));
        }
        return missing;
    }

    /**
     * A table's columns in the connection's current schema, lower case, and its indexes as {@code index:<name>}
     * (the marker of a version that adds only an index); empty without the table.
     */
    private static Set<String> columns(Connection connection, String name) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String table = metadata.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
        Set<String> found = new LinkedHashSet<>();
        try (ResultSet columns = metadata.getColumns(connection.getCatalog(), connection.getSchema(), table, null)) {
            while (columns.next()) {
                found.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (!found.isEmpty()) {
            try (ResultSet indexes = metadata.getIndexInfo(connection.getCatalog(), connection.getSchema(), table,
                    false, true)) {
                while (indexes.next()) {
                    String index = indexes.getString("INDEX_NAME");
                    if (index != null) {                              // a table statistic row has no name
                        found.add(INDEX + index.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Whether {@link #create} may supply something of what {@link #missing} found: the table, or columns that a
     * later version adds (a column dropped by hand from a table at the last version stays missing, and
     * {@code rebound.schema=create} then fails naming it). Called by {@code JpaDeadLetterStore} for
     * {@code rebound.schema=create}.
     */
    static boolean creates(List<String> missing) {
        return !missing.isEmpty();
    }
}
