package dev.rebound.scenarios.schema;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.atVersion;
import static dev.rebound.scenarios.schema.Databases.execute;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static dev.rebound.scenarios.schema.Databases.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The helper an application calls instead of writing a statement splitter (and what rebound.schema=create runs): the
 * shipped migrations on Derby, H2 and PostgreSQL, from an empty schema and from each earlier version.
 */
class ReboundSchemaTest {

    @AfterEach
    void dropTheSchemas() {
        Databases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void create_makes_the_table_at_the_last_version_on_an_empty_schema_and_leaves_it_when_run_again(String database)
            throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            assertThat(ReboundSchema.database(c)).isEqualTo(database);
            assertThat(ReboundSchema.version(c)).isZero();
            assertThat(ReboundSchema.missing(c)).containsExactlyElementsOf(
                    ReboundSchema.TABLES.keySet().stream().map(table -> "table " + table).toList());

            assertThat(ReboundSchema.create(c)).isZero();
            assertThat(ReboundSchema.create(c)).isEqualTo(ReboundSchema.VERSION);

            assertLatest(c);
            Databases.assertCounted(c);
            execute(c, List.of("INSERT INTO rebound_dead_letter (id, message_id, attempts, failed_at, "
                    + "last_failed_at, stack_trace) VALUES ('k', 'm', 1, 0, 0, '" + "x".repeat(10_000) + "')"));
            assertThat(rows(c)).containsExactly("k m null 1 null");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void create_upgrades_a_first_version_table_keeping_its_rows_under_the_ids_of_dead_letter_ids(String database)
            throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            atVersion(c, database, 1);
            List<UUID> messages = insertFirstShapeRows(c);
            assertThat(ReboundSchema.version(c)).isEqualTo(1);

            assertThat(ReboundSchema.create(c)).isEqualTo(1);

            assertLatest(c);
            Databases.assertCounted(c);
            assertFirstShapeRowsUpgraded(c, database, messages);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void create_upgrades_a_second_version_table(String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            atVersion(c, database, 2);
            execute(c, List.of("INSERT INTO rebound_dead_letter (message_id, channel, handler, attempts, failed_at, "
                    + "last_failed_at) VALUES ('m-2', 'orders', 'a.B#c', 1, 0, 0)"));
            assertThat(ReboundSchema.version(c)).isEqualTo(2);
            assertThat(Databases.missingOfDeadLetters(c)).containsExactly("column rebound_dead_letter.id",
                    "column rebound_dead_letter.claimed_by", "column rebound_dead_letter.claim_epoch",
                    "column rebound_dead_letter.claimed_until");

            assertThat(ReboundSchema.create(c)).isEqualTo(2);

            assertLatest(c);
            Databases.assertCounted(c);
            assertThat(rows(c)).hasSize(1).allSatisfy(row -> assertThat(row).endsWith(" m-2 a.B#c 1 null"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2"})
    void missing_names_exactly_what_a_migration_applied_in_part_left_out(String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            atVersion(c, database, 1);
            // version 2 stopped after its first statement, as on a database whose DDL does not roll back
            execute(c, ReboundSchema.statements(database, 2).subList(0, 1));

            assertThat(Databases.missingOfDeadLetters(c)).containsExactly("column rebound_dead_letter.id",
                    "column rebound_dead_letter.fingerprint", "column rebound_dead_letter.failure_site",
                    "column rebound_dead_letter.history", "column rebound_dead_letter.claimed_by",
                    "column rebound_dead_letter.claim_epoch", "column rebound_dead_letter.claimed_until");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2"})
    void missing_names_each_dropped_column(String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            ReboundSchema.create(c);
            execute(c, List.of("DROP INDEX rebound_dead_letter_page_fingerprint",
                    "ALTER TABLE rebound_dead_letter DROP COLUMN fingerprint",
                    "ALTER TABLE rebound_dead_letter DROP COLUMN history"));

            assertThat(ReboundSchema.missing(c)).containsExactly("column rebound_dead_letter.fingerprint",
                    "column rebound_dead_letter.history");
        }
    }

    /** Each table is versioned on its own: a dead letter table dropped by hand is made again beside rebound_dedup. */
    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void create_makes_a_missing_table_beside_a_later_versions_table(String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            ReboundSchema.create(c);
            execute(c, List.of("INSERT INTO rebound_dedup (dedup_key, claimed_at) VALUES ('"
                    + "k".repeat(43) + "', 1)", "DROP TABLE rebound_dead_letter"));
            assertThat(ReboundSchema.missing(c)).containsExactly("table rebound_dead_letter");

            ReboundSchema.create(c);

            assertLatest(c);
            assertThat(count(c, "SELECT count(*) FROM rebound_dedup")).isEqualTo(1);
            // and a schema without the deduplication table (dropped, or from before version 4) gets it
            execute(c, List.of("DROP TABLE rebound_dedup"));
            assertThat(ReboundSchema.missing(c)).containsExactly("table rebound_dedup");
            ReboundSchema.create(c);
            assertLatest(c);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Derby and PostgreSQL roll DDL back: a failed version leaves the table at the version before, whole. */
    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void a_failed_statement_is_named_and_its_version_rolled_back(String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            atVersion(c, database, 1);
            // an index of the application's under the name that version 2 creates
            execute(c, List.of("CREATE INDEX rebound_dead_letter_handler ON rebound_dead_letter (handler)"));

            assertThatThrownBy(() -> ReboundSchema.create(c))
                    .hasMessageStartingWith("REBOUND-2121: Statement 6 of the shipped migration db/rebound/"
                            + database + "/V2__rebound_dead_letter.sql failed: ");

            assertThat(c.getAutoCommit()).isTrue();
            assertThat(ReboundSchema.version(c)).isEqualTo(1);
            assertThat(ReboundSchema.missing(c)).contains("column rebound_dead_letter.channel");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void create_adds_the_key_order_index_of_version_7_to_a_sixth_version_schema_and_validate_names_it(
            String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            atVersion(c, database, 6);
            execute(c, List.of("INSERT INTO rebound_message (id, channel, attempt, resends, ordering_key, due_at, "
                    + "created_at, epoch) VALUES ('r', 'orders', 1, 0, 'k', 0, 0, 0)"));
            assertThat(ReboundSchema.version(c)).isEqualTo(6);
            // besides the tables of the versions after 7 (each table is versioned on its own)
            assertThat(ReboundSchema.missing(c).stream().filter(missing -> !missing.startsWith("table ")))
                    .containsExactly("index rebound_message_key");

            assertThat(ReboundSchema.create(c)).isEqualTo(6);

            assertThat(ReboundSchema.version(c)).isEqualTo(ReboundSchema.VERSION);
            assertThat(ReboundSchema.missing(c)).isEmpty();
            assertThat(ReboundSchema.create(c)).isEqualTo(ReboundSchema.VERSION);
            assertLatest(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void create_adds_the_decisions_table_of_version_8_to_a_seventh_version_schema_and_validate_names_it(
            String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            atVersion(c, database, 7);
            assertThat(ReboundSchema.version(c)).isEqualTo(7);
            assertThat(ReboundSchema.missing(c)).contains("table rebound_decision")
                    .allMatch(missing -> missing.startsWith("table "));

            assertThat(ReboundSchema.create(c)).isEqualTo(7);

            assertThat(ReboundSchema.version(c)).isEqualTo(ReboundSchema.VERSION);
            assertThat(ReboundSchema.missing(c)).isEmpty();
            execute(c, List.of("INSERT INTO rebound_decision (decision_key, message_id, kind, decision, node, "
                    + "created_at) VALUES ('" + "k".repeat(43) + "', 'm', 'FORWARD', '" + "x".repeat(10_000)
                    + "', 'node-1', 1)"));
            assertThat(count(c, "SELECT count(*) FROM rebound_decision WHERE created_at < 2")).isEqualTo(1);
            assertLatest(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void create_adds_the_node_registry_of_version_9_to_an_eighth_version_schema_and_validate_names_it(
            String database) throws SQLException {
        try (Connection c = Databases.empty(database).getConnection()) {
            atVersion(c, database, 8);
            assertThat(ReboundSchema.version(c)).isEqualTo(8);
            assertThat(ReboundSchema.missing(c)).containsExactly("table rebound_node", "table rebound_channel_pause",
                    "table rebound_dead_letter_count");

            assertThat(ReboundSchema.create(c)).isEqualTo(8);

            assertThat(ReboundSchema.version(c)).isEqualTo(ReboundSchema.VERSION);
            assertThat(ReboundSchema.missing(c)).isEmpty();
            execute(c, List.of("INSERT INTO rebound_node (node, started_at, heartbeat_at, heartbeat_ms, version, "
                    + "channels) VALUES ('" + "n".repeat(100) + "', 1, 2, 10000, '0.1.0', '" + "c".repeat(4000) + "')"));
            assertThat(ReboundSchema.create(c)).isEqualTo(ReboundSchema.VERSION);
            assertLatest(c);
        }
    }

    /**
     * Version 10 on PostgreSQL counts the dead letters already there, and its triggers count every later insert,
     * regrouping update and delete (another tool's SQL included), statement by statement.
     */
    @Test
    void create_adds_the_dead_letter_numbers_of_version_10_to_a_ninth_version_schema_counting_its_rows()
            throws SQLException {
        try (Connection c = Databases.empty("postgresql").getConnection()) {
            atVersion(c, "postgresql", 9);
            String insert = "INSERT INTO rebound_dead_letter (id, message_id, attempts, failed_at, last_failed_at, "
                    + "channel, fingerprint, exception_class, handler, failure_site) VALUES ";
            execute(c, List.of(insert + "('a', 'a', 1, 1, 1, 'c1', 'f1', 'E1', 'h', 's'), "
                    + "('b', 'b', 1, 2, 2, 'c1', 'f1', 'E1', 'h', 's'), ('c', 'c', 1, 3, 3, 'c2', NULL, NULL, NULL, NULL)"));
            assertThat(ReboundSchema.missing(c)).containsExactly("table rebound_dead_letter_count");

            assertThat(ReboundSchema.create(c)).isEqualTo(9);

            assertLatest(c);
            Databases.assertCounted(c);
            assertThat(numbers(c)).containsExactly("c1 f1 E1 2", "c2 null null 1");
            execute(c, List.of(insert + "('d', 'd', 1, 4, 4, 'c2', NULL, NULL, NULL, NULL), "
                            + "('e', 'e', 1, 5, 5, 'c2', 'f2', 'E2', 'h', 's')",
                    "UPDATE rebound_dead_letter SET fingerprint = 'f2', exception_class = 'E2' WHERE id = 'b'",
                    "UPDATE rebound_dead_letter SET attempts = 2 WHERE id = 'a'",
                    "DELETE FROM rebound_dead_letter WHERE id IN ('c', 'd')"));
            assertThat(numbers(c)).containsExactly("c1 f1 E1 1", "c1 f2 E2 1", "c2 f2 E2 1");
            assertThat(Databases.number(c, "SELECT count(*) FROM rebound_dead_letter_count WHERE dead_letters = 0"))
                    .as("no slot row left at zero").isZero();
            assertThat(ReboundSchema.create(c)).isEqualTo(ReboundSchema.VERSION);
        }
    }

    /** rebound_dead_letter_count summed over its slots: "channel fingerprint exception_class number". */
    private static List<String> numbers(Connection c) throws SQLException {
        List<String> numbers = new java.util.ArrayList<>();
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT channel, "
                + "fingerprint, exception_class, sum(dead_letters) FROM rebound_dead_letter_count GROUP BY channel, "
                + "fingerprint, exception_class HAVING sum(dead_letters) <> 0 ORDER BY 1, 2, 3")) {
            while (r.next()) {
                numbers.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getLong(4));
            }
        }
        return numbers;
    }

    @Test
    void every_shipped_database_has_every_version() {
        for (String database : ReboundSchema.DATABASES) {
            for (int version = 1; version <= ReboundSchema.VERSION; version++) {
                assertThat(ReboundSchema.statements(database, version)).as(database + " " + version).isNotEmpty();
            }
        }
    }

    @Test
    void every_migration_file_is_listed_in_migrations_txt_and_run_by_the_liquibase_changelog() throws Exception {
        String changelog = new String(getClass().getClassLoader().getResourceAsStream("db/rebound/changelog.xml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String database : ReboundSchema.DATABASES) {
            java.nio.file.Path folder = java.nio.file.Path.of(getClass().getClassLoader()
                    .getResource("db/rebound/" + database).toURI());
            List<String> listed = new java.util.ArrayList<>();
            for (int version = 1; version <= ReboundSchema.VERSION; version++) {
                String resource = ReboundSchema.migration(database, version);
                listed.add(resource.substring(resource.lastIndexOf('/') + 1));
            }
            try (var files = java.nio.file.Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted()).as(database)
                        .containsExactlyInAnyOrderElementsOf(listed);
            }
            for (String file : listed) {
                String liquibaseFolder = database.equals("sqlserver") ? "sqlserver" : database;
                assertThat(changelog).as("changelog.xml runs " + database + "/" + file)
                        .contains("path=\"" + liquibaseFolder + "/" + file + "\"");
            }
        }
    }

    @Test
    void a_database_without_shipped_migrations_and_a_version_that_does_not_exist_are_named() {
        assertThatThrownBy(() -> ReboundSchema.statements("sqlite", 1))
                .hasMessageContaining("REBOUND-2092").hasMessageContaining("'sqlite'")
                .hasMessageContaining("[postgresql, derby, h2, mysql, oracle, sqlserver]");
        int next = ReboundSchema.VERSION + 1;
        assertThatThrownBy(() -> ReboundSchema.statements("h2", next)).hasMessage("REBOUND-2120: Rebound's schema has"
                + " versions 1 to " + ReboundSchema.VERSION + ", not " + next + ".");
    }

    @Test
    void the_splitter_drops_comment_lines_and_keeps_multi_line_statements_whole() {
        assertThat(ReboundSchema.split("-- a comment\nCREATE TABLE t (\n  a INT\n);\n\n-- another\nDROP TABLE t;\n"))
                .containsExactly("CREATE TABLE t (\n  a INT\n)", "DROP TABLE t");
    }

    @Test
    void the_splitter_keeps_a_dollar_quoted_function_body_whole() {
        assertThat(ReboundSchema.split("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                + "  DELETE FROM t;\n  RETURN NULL;\nEND\n$$;\nCREATE TRIGGER x AFTER TRUNCATE ON t EXECUTE FUNCTION f();"))
                .containsExactly("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  DELETE FROM t;\n"
                        + "  RETURN NULL;\nEND\n$$", "CREATE TRIGGER x AFTER TRUNCATE ON t EXECUTE FUNCTION f()");
    }
}
