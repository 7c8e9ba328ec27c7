package dev.rebound.scenarios.schema;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.atVersion;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
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

    /** Liquibase's update on a connection of its own (it closes it). */
    private static void update(DataSource dataSource) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(dataSource.getConnection()));
        try (Liquibase liquibase = new Liquibase("db/rebound/changelog.xml", new ClassLoaderResourceAccessor(),
                database)) {
            liquibase.update("");
        }
    }

    /** The changeSets as Liquibase recorded them: "id EXECTYPE". */
    private static List<String> ran(Connection c) throws SQLException {
        List<String> ran = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT id, exectype FROM databasechangelog ORDER BY orderexecuted")) {
            while (r.next()) {
                ran.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return ran;
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "h2", "postgresql"})
    void update_makes_the_whole_table_in_an_empty_schema(String database) throws Exception {
        DataSource dataSource = Databases.empty(database);
        update(dataSource);
        try (Connection c = dataSource.getConnection()) {

            assertLatest(c);
            assertThat(ran(c)).containsExactly("rebound-1 EXECUTED", "rebound-2 EXECUTED", "rebound-3 EXECUTED");
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
            assertThat(ran(c)).containsExactly("rebound-1 MARK_RAN", "rebound-2 EXECUTED", "rebound-3 EXECUTED");
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
            assertThat(ran(c)).containsExactly("rebound-1 MARK_RAN", "rebound-2 MARK_RAN", "rebound-3 MARK_RAN");
        }
    }
}
