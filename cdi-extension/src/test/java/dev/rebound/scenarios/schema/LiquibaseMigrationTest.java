package dev.rebound.scenarios.schema;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.atVersion;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static dev.rebound.scenarios.schema.Liquibases.ran;
import static dev.rebound.scenarios.schema.Liquibases.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped changelog {@code db/rebound/changelog.xml} run by Liquibase: it runs the same SQL files as Flyway and
 * rebound.schema=create, and recognises a table that an earlier Rebound (or rebound.schema=create) made by its
 * columns, marking those versions as ran.
 */
class LiquibaseMigrationTest {

    @AfterEach
    void dropTheSchemas() {
        Databases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void update_makes_the_whole_table_in_an_empty_schema(String database) throws Exception {
        DataSource dataSource = Databases.empty(database);
        update(dataSource);
        try (Connection c = dataSource.getConnection()) {

            assertLatest(c);
            Databases.assertCounted(c);
            assertThat(ran(c)).containsExactlyElementsOf(Liquibases.changeSets(1, "EXECUTED"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void update_upgrades_an_earlier_rebounds_first_version_table_keeping_its_rows(String database) throws Exception {
        DataSource dataSource = Databases.empty(database);
        List<UUID> messages;
        try (Connection c = dataSource.getConnection()) {
            atVersion(c, database, 1);
            messages = insertFirstShapeRows(c);
        }

        update(dataSource);

        try (Connection c = dataSource.getConnection()) {

            assertLatest(c);
            Databases.assertCounted(c);
            assertThat(ran(c)).containsExactlyElementsOf(Liquibases.upgradedFromFirstVersion());
            assertFirstShapeRowsUpgraded(c, database, messages);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2"})
    void a_table_made_by_rebound_schema_create_is_marked_as_ran_and_left_as_it_is(String database) throws Exception {
        DataSource dataSource = Databases.empty(database);
        ReboundSchema.create(dataSource);

        update(dataSource);
        update(dataSource);

        try (Connection c = dataSource.getConnection()) {

            assertLatest(c);
            assertThat(ran(c)).containsExactlyElementsOf(Liquibases.changeSets(1, "MARK_RAN"));
        }
    }
}
