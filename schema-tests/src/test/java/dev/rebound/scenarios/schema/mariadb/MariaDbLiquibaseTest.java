package dev.rebound.scenarios.schema.mariadb;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.atVersion;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static dev.rebound.scenarios.schema.Liquibases.ran;
import static dev.rebound.scenarios.schema.Liquibases.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.scenarios.schema.Liquibases;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The shipped changelog run by Liquibase 4.33 on a real MariaDB 10.11 server (its mysql SQL files, dbms mariadb). */
class MariaDbLiquibaseTest {

    @Test
    void update_makes_the_whole_table_in_an_empty_database() throws Exception {
        DataSource dataSource = MariaDb.empty();

        update(dataSource);

        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
            assertThat(ran(c)).containsExactlyElementsOf(Liquibases.changeSets(1, "EXECUTED"));
        }
    }

    @Test
    void update_upgrades_an_earlier_rebounds_first_version_table_keeping_its_rows() throws Exception {
        DataSource dataSource = MariaDb.empty();
        List<UUID> messages;
        try (Connection c = dataSource.getConnection()) {
            atVersion(c, "mysql", 1);
            messages = insertFirstShapeRows(c);
        }

        update(dataSource);

        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
            assertThat(ran(c)).containsExactlyElementsOf(Liquibases.upgradedFromFirstVersion());
            assertFirstShapeRowsUpgraded(c, "mysql", messages);
        }
    }
}
