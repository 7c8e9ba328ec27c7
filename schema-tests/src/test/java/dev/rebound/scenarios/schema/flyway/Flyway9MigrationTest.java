package dev.rebound.scenarios.schema.flyway;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.scenarios.schema.Databases;
import dev.rebound.scenarios.schema.mariadb.MariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped migrations run by Flyway 9.22 as docs/persistence.md tells an application to (a Flyway of its own on
 * {@code classpath:db/rebound/<database>}, history table {@code rebound_schema_history}), on the databases that
 * cdi-extension's Flyway 13 tests cannot reach: embedded Derby (Flyway 9 has Derby in flyway-core; Flyway 10 and
 * later need flyway-database-derby, which Maven Central does not serve) and a real MariaDB 10.11 server (with
 * flyway-mysql).
 */
class Flyway9MigrationTest {

    /** An empty database of the server. */
    private static DataSource empty(String server) {
        return server.equals("mariadb") ? MariaDb.empty() : Databases.empty(server);
    }

    /** The folder of the server's migrations (MariaDB runs MySQL's). */
    private static String folder(String server) {
        return server.equals("mariadb") ? "mysql" : server;
    }

    private static FluentConfiguration flyway(DataSource dataSource, String server) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/rebound/" + folder(server))
                .table("rebound_schema_history");
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "mariadb"})
    void migrate_makes_the_whole_table_in_an_empty_database(String server) throws SQLException {
        DataSource dataSource = empty(server);

        MigrateResult result = flyway(dataSource, server).load().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(ReboundSchema.VERSION);
        assertThat(result.targetSchemaVersion).isEqualTo(String.valueOf(ReboundSchema.VERSION));
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "mariadb"})
    void migrate_upgrades_a_first_version_table_keeping_its_rows(String server) throws SQLException {
        DataSource dataSource = empty(server);
        flyway(dataSource, server).target("1").load().migrate();
        List<UUID> messages;
        try (Connection c = dataSource.getConnection()) {
            messages = insertFirstShapeRows(c);
        }

        MigrateResult result = flyway(dataSource, server).load().migrate();

        assertThat(result.migrations).extracting(m -> m.version).containsExactlyElementsOf(
                IntStream.rangeClosed(2, ReboundSchema.VERSION).mapToObj(String::valueOf).toList());
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
            // MariaDB: the ids of DeadLetterIds, computed in SQL; Derby: the message ids (see derby/V3)
            assertFirstShapeRowsUpgraded(c, folder(server), messages);
        }
    }

    /** A table that rebound.schema=create (or an earlier Rebound) made: Flyway takes it over from its version. */
    @ParameterizedTest
    @ValueSource(strings = {"derby", "mariadb"})
    void a_table_made_by_rebound_schema_create_is_baselined_at_its_version_and_left_as_it_is(String server)
            throws SQLException {
        DataSource dataSource = empty(server);
        ReboundSchema.create(dataSource);

        MigrateResult result = flyway(dataSource, server).baselineOnMigrate(true)
                .baselineVersion(String.valueOf(ReboundSchema.version(dataSource))).load().migrate();

        assertThat(result.migrationsExecuted).isZero();
        assertThat(flyway(dataSource, server).load().info().current().getVersion().getVersion())
                .isEqualTo(String.valueOf(ReboundSchema.VERSION));
        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }
}
