package dev.rebound.scenarios.schema.mariadb;

import static dev.rebound.scenarios.schema.Databases.assertFirstShapeRowsUpgraded;
import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static dev.rebound.scenarios.schema.Databases.atVersion;
import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static dev.rebound.scenarios.schema.Databases.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * rebound.schema=create's helper on a real MariaDB 10.11 server: the mysql migrations make the whole table, and
 * upgrade a first version table computing the new key in SQL (MD5) as {@code DeadLetterIds.of} does in Java.
 */
class MariaDbReboundSchemaTest {

    @Test
    void create_makes_the_whole_table_in_an_empty_database() throws SQLException {
        DataSource dataSource = MariaDb.empty();
        try (Connection c = dataSource.getConnection()) {

            assertThat(ReboundSchema.database(c)).isEqualTo("mysql");
            assertThat(ReboundSchema.create(c)).isZero();

            assertLatest(c);
        }
    }

    @Test
    void create_upgrades_a_first_version_table_keeping_its_rows_under_the_ids_of_dead_letter_ids() throws SQLException {
        DataSource dataSource = MariaDb.empty();
        try (Connection c = dataSource.getConnection()) {
            atVersion(c, "mysql", 1);
            List<UUID> messages = insertFirstShapeRows(c);

            assertThat(ReboundSchema.create(c)).isEqualTo(1);

            assertLatest(c);
            assertFirstShapeRowsUpgraded(c, "mysql", messages);
        }
    }

    /** MD5 hashes the utf8mb4 bytes of the text, Java's UUID.nameUUIDFromBytes the UTF-8 ones: the same for any name. */
    @Test
    void create_computes_the_id_of_a_handler_with_a_non_ascii_name_as_dead_letter_ids_does() throws SQLException {
        DataSource dataSource = MariaDb.empty();
        UUID message = UUID.randomUUID();
        String handler = "a.Größe#über€";
        try (Connection c = dataSource.getConnection()) {
            atVersion(c, "mysql", 1);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO rebound_dead_letter (message_id, "
                    + "handler, attempts, failed_at, last_failed_at) VALUES (?, ?, 1, 1000, 1000)")) {
                insert.setString(1, message.toString());
                insert.setString(2, handler);
                insert.executeUpdate();
            }

            ReboundSchema.create(c);

            assertThat(rows(c)).containsExactly(DeadLetterIds.of(message, handler) + " " + message + " " + handler
                    + " 1 null");
        }
    }

    @Test
    void create_leaves_a_table_at_the_last_version_as_it_is() throws SQLException {
        DataSource dataSource = MariaDb.empty();
        ReboundSchema.create(dataSource);

        assertThat(ReboundSchema.create(dataSource)).isEqualTo(ReboundSchema.VERSION);

        try (Connection c = dataSource.getConnection()) {
            assertLatest(c);
        }
    }
}
