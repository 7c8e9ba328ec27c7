package dev.rebound.scenarios.schema.derby;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.scenarios.schema.Databases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The shipped Derby migrations run by Flyway on embedded Derby. Flyway 9 (here 9.22) supports Derby in flyway-core;
 * Flyway 10 and later need flyway-database-derby, which Maven Central does not serve, so cdi-extension's Flyway 13
 * tests cannot reach Derby.
 */
class DerbyFlywayTest {

    private static FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/rebound/derby")
                .table("rebound_schema_history");
    }

    @Test
    void migrate_makes_the_whole_table_in_an_empty_database() throws SQLException {
        DataSource dataSource = Databases.empty("derby");

        MigrateResult result = flyway(dataSource).load().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(ReboundSchema.VERSION);
        assertThat(result.targetSchemaVersion).isEqualTo(String.valueOf(ReboundSchema.VERSION));
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }

    @Test
    void migrate_upgrades_a_first_version_table_keeping_its_rows() throws SQLException {
        DataSource dataSource = Databases.empty("derby");
        flyway(dataSource).target("1").load().migrate();
        List<UUID> messages;
        try (Connection c = dataSource.getConnection()) {
            messages = insertFirstShapeRows(c);
        }

        MigrateResult result = flyway(dataSource).load().migrate();

        assertThat(result.migrations).extracting(m -> m.version).containsExactly("2", "3");
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
            assertFirstShapeRowsUpgraded(c, "derby", messages);
        }
    }

    /** A table that rebound.schema=create (or an earlier Rebound) made: Flyway takes it over from its version. */
    @Test
    void a_table_made_by_rebound_schema_create_is_baselined_at_its_version_and_left_as_it_is() throws SQLException {
        DataSource dataSource = Databases.empty("derby");
        ReboundSchema.create(dataSource);

        MigrateResult result = flyway(dataSource).baselineOnMigrate(true)
                .baselineVersion(String.valueOf(ReboundSchema.version(dataSource))).load().migrate();

        assertThat(result.migrationsExecuted).isZero();
        assertThat(flyway(dataSource).load().info().current().getVersion().getVersion()).isEqualTo("3");
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }
}
