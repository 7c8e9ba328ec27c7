package dev.rebound.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.testsupport.Postgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The helper an application calls instead of writing a statement splitter: the shipped DDL on Derby and H2. */
class ReboundSchemaTest {

    static {
        // Derby's log under target/, not in the module's folder
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private static Connection empty(String database) throws SQLException {
        return DriverManager.getConnection(switch (database) {
            case "derby" -> "jdbc:derby:memory:rebound-" + System.nanoTime() + ";create=true";
            case "h2" -> "jdbc:h2:mem:rebound-" + System.nanoTime();
            default -> throw new IllegalArgumentException(database);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2"})
    void create_makes_the_whole_table_on_an_empty_schema_and_leaves_it_when_run_again(String database)
            throws SQLException {
        try (Connection c = empty(database)) {
            assertThat(ReboundSchema.database(c)).isEqualTo(database);
            assertThat(ReboundSchema.missing(c)).containsExactly("table rebound_dead_letter");

            ReboundSchema.create(c);
            ReboundSchema.create(c);

            assertThat(ReboundSchema.missing(c)).isEmpty();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO rebound_dead_letter (id, message_id, attempts, failed_at, "
                        + "last_failed_at, stack_trace) VALUES ('k', 'm', 1, 0, 0, '" + "x".repeat(10_000) + "')");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2"})
    void missing_names_each_dropped_column(String database) throws SQLException {
        try (Connection c = empty(database); Statement s = c.createStatement()) {
            ReboundSchema.create(c);
            s.executeUpdate("DROP INDEX rebound_dead_letter_page_fingerprint");
            s.executeUpdate("ALTER TABLE rebound_dead_letter DROP COLUMN fingerprint");
            s.executeUpdate("ALTER TABLE rebound_dead_letter DROP COLUMN history");

            assertThat(ReboundSchema.missing(c)).containsExactly("column rebound_dead_letter.fingerprint",
                    "column rebound_dead_letter.history");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2"})
    void the_flyway_migrations_make_the_whole_table(String database) throws SQLException {
        try (Connection c = empty(database)) {
            run(c, flywayMigration(database));

            assertThat(ReboundSchema.missing(c)).isEmpty();
        }
    }

    @Test
    void the_postgresql_flyway_migration_makes_the_whole_table_in_an_empty_schema() throws SQLException {
        try (Connection c = Postgres.server().getPostgresDatabase().getConnection()) {
            run(c, List.of("DROP SCHEMA IF EXISTS flyway_v1 CASCADE", "CREATE SCHEMA flyway_v1"));
            c.setSchema("flyway_v1");
            try {
                assertThat(ReboundSchema.missing(c)).containsExactly("table rebound_dead_letter");

                run(c, flywayMigration("postgresql"));

                assertThat(ReboundSchema.missing(c)).isEmpty();
                assertThat(Postgres.strings(c, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'flyway_v1' "
                        + "AND indexname LIKE 'rebound_dead_letter_page%'")).containsExactly("6");
            } finally {
                run(c, List.of("DROP SCHEMA flyway_v1 CASCADE"));
            }
        }
    }

    private static List<String> flywayMigration(String database) {
        String resource = "db/migration/rebound/" + database + "/V1__rebound_dead_letter.sql";
        try (InputStream in = ReboundSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return ReboundSchema.split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
        }
    }

    @Test
    void a_database_without_shipped_ddl_is_named() {
        assertThatThrownBy(() -> ReboundSchema.statements("oracle"))
                .hasMessageContaining("REBOUND-2092").hasMessageContaining("'oracle'")
                .hasMessageContaining("[postgresql, derby, h2]");
    }

    @Test
    void the_splitter_drops_comment_lines_and_keeps_multi_line_statements_whole() {
        assertThat(ReboundSchema.split("-- a comment\nCREATE TABLE t (\n  a INT\n);\n\n-- another\nDROP TABLE t;\n"))
                .containsExactly("CREATE TABLE t (\n  a INT\n)", "DROP TABLE t");
    }
}
