package dev.rebound.scenarios.schema.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.dedup.DedupDialect;
import dev.rebound.dedup.DedupHash;
import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The deduplication statements of MySQL and MariaDB on a real MariaDB server (JDBC, the statements' JPA positional
 * parameters bound in order): a second claim of a key inserts nothing and raises no error, in the same transaction
 * too (which stays good and commits); keys differing only in case are two keys (the column is ASCII, binary); the
 * cleanup removes expired keys only, a batch at most.
 */
class MariaDbDeduplicationTest {

    private static String jdbc(String sql) {
        return sql.replace("?1", "?").replace("?2", "?");
    }

    private static int claim(Connection c, String key, long at) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(jdbc(DedupDialect.MYSQL.claim()))) {
            claim.setString(1, key);
            claim.setLong(2, at);
            return claim.executeUpdate();
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT count(*) FROM rebound_dedup")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void a_second_claim_inserts_nothing_without_an_error_and_the_cleanup_removes_expired_keys_in_batches()
            throws SQLException {
        DataSource dataSource = MariaDb.empty();
        try (Connection c = dataSource.getConnection()) {
            ReboundSchema.create(c);
            c.setAutoCommit(false);
            String key = DedupHash.of("scope", "pay-1");
            assertThat(claim(c, key, 1)).isEqualTo(1);
            assertThat(claim(c, key, 2)).isZero();
            assertThat(claim(c, key.toUpperCase(java.util.Locale.ROOT), 3)).as("another key").isEqualTo(1);
            c.commit();
            for (int i = 0; i < 25; i++) {
                claim(c, DedupHash.of("expired", "k" + i), 5);
            }
            claim(c, DedupHash.of("fresh", "k"), 100);
            c.commit();
            assertThat(count(c)).isEqualTo(28);
            try (PreparedStatement cleanup = c.prepareStatement(jdbc(DedupDialect.MYSQL.cleanup(10)))) {
                cleanup.setLong(1, Long.MIN_VALUE);
                cleanup.setLong(2, 6);
                assertThat(cleanup.executeUpdate()).isEqualTo(10);
                assertThat(cleanup.executeUpdate()).isEqualTo(10);
                assertThat(cleanup.executeUpdate()).isEqualTo(7);
                assertThat(cleanup.executeUpdate()).isZero();
            }
            c.commit();
            assertThat(count(c)).isEqualTo(1);
        }
    }
}
