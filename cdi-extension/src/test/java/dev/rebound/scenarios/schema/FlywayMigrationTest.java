package dev.rebound.scenarios.schema;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped migrations run by Flyway, the way README tells an application to: a Flyway of their own on
 * {@code classpath:db/rebound/<database>} with their own history table, beside the application's. Derby is not
 * here: Flyway 10 and later keep Derby support in a module that Maven Central does not serve; module schema-tests runs
 * Flyway 9 on Derby (Flyway9MigrationTest), and Flyway, Liquibase and ReboundSchema on a real MariaDB server.
 */
class FlywayMigrationTest {

    @AfterEach
    void dropTheSchemas() {
        Databases.dropSchemas();
    }

    private static Flyway flyway(DataSource dataSource, String database) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/rebound/" + database)
                .table("rebound_schema_history").load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void migrate_makes_the_whole_table_in_an_empty_schema(String database) throws SQLException {
        DataSource dataSource = Databases.empty(database);

        MigrateResult result = flyway(dataSource, database).migrate();

        assertThat(result.migrationsExecuted).isEqualTo(ReboundSchema.VERSION);
        assertThat(result.targetSchemaVersion).isEqualTo(String.valueOf(ReboundSchema.VERSION));
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void migrate_upgrades_a_first_version_table_keeping_its_rows_under_the_ids_of_dead_letter_ids(String database)
            throws SQLException {
        DataSource dataSource = Databases.empty(database);
        Flyway.configure().configuration(flyway(dataSource, database).getConfiguration()).target("1").load().migrate();
        List<UUID> messages;
        try (Connection c = dataSource.getConnection()) {
            messages = insertFirstShapeRows(c);
        }

        MigrateResult result = flyway(dataSource, database).migrate();

        assertThat(result.migrations).extracting(m -> m.version).containsExactlyElementsOf(
                IntStream.rangeClosed(2, ReboundSchema.VERSION).mapToObj(String::valueOf).toList());
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
            assertFirstShapeRowsUpgraded(c, database, messages);
        }
    }

    /** A table that rebound.schema=create (or an earlier Rebound) made: Flyway takes it over from its version. */
    @Test
    void a_table_made_by_rebound_schema_create_is_baselined_at_its_version_and_left_as_it_is() throws SQLException {
        DataSource dataSource = Databases.empty("h2");
        ReboundSchema.create(dataSource);

        MigrateResult result = Flyway.configure().configuration(flyway(dataSource, "h2").getConfiguration())
                .baselineOnMigrate(true).baselineVersion(String.valueOf(ReboundSchema.version(dataSource)))
                .load().migrate();

        assertThat(result.migrationsExecuted).isZero();
        assertThat(flyway(dataSource, "h2").info().current().getVersion().getVersion())
                .isEqualTo(String.valueOf(ReboundSchema.VERSION));
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }

    /** Rebound's files are not under db/migration, so an application's Flyway on its default location skips them. */
    @Test
    void flyway_on_its_default_location_does_not_run_rebounds_migrations() throws SQLException {
        DataSource dataSource = Databases.empty("h2");

        Flyway.configure().dataSource(dataSource).load().migrate();

        try (Connection c = dataSource.getConnection()) {
            assertThat(ReboundSchema.version(c)).isZero();
        }
    }
}
