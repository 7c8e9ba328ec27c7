package dev.rebound.scenarios.operating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.testsupport.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped PostgreSQL DDL indexes what the dead letter queries ask, so that a page deep in a large table is an
 * index range scan in page order, not a scan and sort of the table. The statements are the ones the JPA store
 * generates (filter, cursor condition with its repeated bound on failed_at, order, limit), planned on 200,000 rows.
 */
class DeadLetterIndexTest {

    @BeforeAll
    static void manyDeadLetters() {
        // 11 channels: with 5 (20 % of the rows each) the planner may rightly walk the page index and filter instead
        Postgres.execute("DELETE FROM rebound_dead_letter");
        Postgres.execute("INSERT INTO rebound_dead_letter (id, message_id, exception_class, handler, channel, "
                + "fingerprint, attempts, failed_at, last_failed_at) SELECT md5(i::text)::uuid::text, "
                + "md5((i / 2)::text)::uuid::text, 'E' || (i % 7), "
                + "'H#' || (i % 13), 'c' || (i % 11), 'g' || (i % 50), 1, i, i FROM generate_series(1, 200000) i");
        Postgres.execute("ANALYZE rebound_dead_letter");
    }

    @AfterAll
    static void clean() {
        Postgres.execute("DELETE FROM rebound_dead_letter");
    }

    private static String plan(String where) {
        String sql = "EXPLAIN SELECT * FROM rebound_dead_letter d WHERE " + where
                + " AND d.failed_at <= 150000 AND (d.failed_at < 150000 OR d.id < 'm')"
                + " ORDER BY d.failed_at DESC, d.id DESC LIMIT 51";
        StringBuilder plan = new StringBuilder();
        try (Connection c = Postgres.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return plan.toString();
    }

    @Test
    void every_filter_of_a_page_is_served_by_its_index_in_page_order() {
        assertThat(plan("1 = 1")).contains("Index Scan Backward using rebound_dead_letter_page on");
        assertThat(plan("d.channel = 'c3'")).contains("Index Scan Backward using rebound_dead_letter_page_channel");
        assertThat(plan("d.handler = 'H#4'")).contains("Index Scan Backward using rebound_dead_letter_page_handler");
        assertThat(plan("d.exception_class = 'E2'"))
                .contains("Index Scan Backward using rebound_dead_letter_page_exception");
        assertThat(plan("d.fingerprint = 'g7'"))
                .contains("Index Scan Backward using rebound_dead_letter_page_fingerprint");
        String oneMessage = "d.message_id = '" + java.util.UUID.nameUUIDFromBytes("x".getBytes()) + "'";
        assertThat(plan(oneMessage)).contains("rebound_dead_letter_page_message");
        for (String filter : new String[] {"1 = 1", "d.channel = 'c3'", "d.fingerprint = 'g7'"}) {
            assertThat(plan(filter)).doesNotContain("Seq Scan").doesNotContain("Sort");
        }
    }
}
