package dev.rebound.scenarios.schema.mariadb;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.ReboundSchema;
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
 * The shipped migrations run by Flyway (9.22, with flyway-mysql) on a real MariaDB 10.11 server, as docs/persistence.md
 * tells an application to: {@code classpath:db/rebound/mysql}, history table {@code rebound_schema_history}.
 */
class MariaDbFlywayTest {

    private static FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/rebound/mysql")
                .table("rebound_schema_history");
    }

    @Test
    void migrate_makes_the_whole_table_in_an_empty_database() throws SQLException {
        DataSource dataSource = MariaDb.empty();

        MigrateResult result = flyway(dataSource).load().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(ReboundSchema.VERSION);
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }

    @Test
    void migrate_upgrades_a_first_version_table_keeping_its_rows_under_the_ids_of_dead_letter_ids()
            throws SQLException {
        DataSource dataSource = MariaDb.empty();
        flyway(dataSource).target("1").load().migrate();
        List<UUID> messages;
        try (Connection c = dataSource.getConnection()) {
            messages = insertFirstShapeRows(c);
        }

        MigrateResult result = flyway(dataSource).load().migrate();

        assertThat(result.migrations).extracting(m -> m.version).containsExactly("2", "3");
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
            assertFirstShapeRowsUpgraded(c, "mysql", messages);
        }
    }
}
