package dev.rebound.database.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.Backlog;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The depth and lag of a database channel (rows waiting, age of the oldest due row) as the transport reports them
 * through the SPI: read from the table on its claim index, at most once per refresh period however often asked.
 */
class BacklogFiguresTest {

    private static final String CHANNEL = "backlog-ledger";
    private static final String OTHER = "backlog-other";

    @BeforeEach
    @AfterEach
    void empty() {
        Tables.execute(Jta.dataSource(), "DELETE FROM rebound_message WHERE channel IN ('" + CHANNEL + "', '"
                + OTHER + "')");
    }

    private static Transport transport(long refreshMs) {
        Transport transport = new DatabaseTransportFactory().create(new TestContext(
                Map.of("rebound.database.backlog-refresh-ms", String.valueOf(refreshMs)), Jta.dataSource()));
        transport.channel(CHANNEL);
        return transport;
    }

    /** A row as Rebound writes it, due {@code dueInMs} from now (negative: due since). */
    private static void row(String channel, long dueInMs) {
        String sql = "INSERT INTO rebound_message (id, channel, body, attempt, resends, due_at, created_at, epoch) "
                + "VALUES (?, ?, 'x', 1, 0, ?, ?, 0)";
        try (Connection c = Jta.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            long now = System.currentTimeMillis();
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, channel);
            s.setLong(3, now + dueInMs);
            s.setLong(4, now);
            s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Backlog only(Transport transport) {
        List<Backlog> all = transport.backlog();
        assertThat(all).extracting(Backlog::channel).containsExactly(CHANNEL);
        return all.get(0);
    }

    @Test
    void an_empty_channel_has_no_depth_and_no_lag() {
        Backlog backlog = only(transport(100));

        assertThat(backlog.depth()).isZero();
        assertThat(backlog.lag()).isEqualTo(Duration.ZERO);
        assertThat(backlog.measured()).isBetween(Instant.now().minusSeconds(5), Instant.now());
    }

    @Test
    void the_depth_counts_every_row_and_the_lag_is_the_age_of_the_oldest_due_one() {
        row(CHANNEL, -30_000);          // due for 30 s: the lag
        row(CHANNEL, -1_000);
        row(CHANNEL, 60_000);           // a delayed retry: counted, but not late
        row(OTHER, -120_000);           // another channel's

        Backlog backlog = only(transport(100));

        assertThat(backlog.depth()).isEqualTo(3);
        assertThat(backlog.lag()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(40));
    }

    @Test
    void rows_that_are_all_delayed_are_depth_without_lag() {
        row(CHANNEL, 60_000);

        Backlog backlog = only(transport(100));

        assertThat(backlog.depth()).isEqualTo(1);
        assertThat(backlog.lag()).isEqualTo(Duration.ZERO);
    }

    /** A scrape storm: 8 threads asking 400 times within the period get the figures of one read. */
    @Test
    void figures_are_read_once_per_refresh_period_however_often_they_are_asked() throws Exception {
        Transport transport = transport(60_000);
        row(CHANNEL, -1_000);
        assertThat(only(transport).depth()).isEqualTo(1);
        row(CHANNEL, -1_000);            // not seen until the period is over

        Set<Instant> measured = ConcurrentHashMap.newKeySet();
        Set<Long> depths = ConcurrentHashMap.newKeySet();
        ExecutorService scrapers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                all.add(scrapers.submit(() -> {
                    Backlog backlog = only(transport);
                    measured.add(backlog.measured());
                    depths.add(backlog.depth());
                }));
            }
            for (Future<?> scrape : all) {
                scrape.get();
            }
        } finally {
            scrapers.shutdownNow();
        }
        assertThat(measured).hasSize(1);
        assertThat(depths).containsExactly(1L);
    }

    @Test
    void after_the_refresh_period_the_figures_are_read_again() {
        Transport transport = transport(200);
        row(CHANNEL, -1_000);
        assertThat(only(transport).depth()).isEqualTo(1);

        row(CHANNEL, -1_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> only(transport).depth() == 2);
    }

    /**
     * The statement the figures are read with ({@code SELECT COUNT(*), MIN(due_at) FROM rebound_message WHERE
     * channel = ?}) reads only the channel's entries of an index on PostgreSQL, with a table of 20,000 rows of another
     * channel besides: never a scan of the whole table. Which index the planner picks is its choice (both the claim
     * index and, since schema version 7, the per-key order index lead with the channel; CI saw either).
     */
    @Test
    void the_figures_query_scans_only_the_channel_in_the_claim_index_on_postgresql() throws Exception {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO rebound_message (id, channel, body, attempt, resends, due_at, created_at, "
                    + "epoch) SELECT md5(g::text), '" + OTHER + "', 'x', 1, 0, g, g, 0 FROM generate_series(1, 20000) g");
            s.executeUpdate("INSERT INTO rebound_message (id, channel, body, attempt, resends, due_at, created_at, "
                    + "epoch) SELECT md5('l' || g::text), '" + CHANNEL + "', 'x', 1, 0, g, g, 0 "
                    + "FROM generate_series(1, 50) g");
            s.execute("ANALYZE rebound_message");
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN SELECT COUNT(*), MIN(due_at) FROM "
                    + "rebound_message WHERE channel = ?")) {
                explain.setString(1, CHANNEL);
                try (ResultSet r = explain.executeQuery()) {
                    while (r.next()) {
                        plan.append(r.getString(1)).append('\n');
                    }
                }
            }
            // the condition on the channel, however the planner prints it ("(channel = 'x'::text)" or
            // "((channel)::text = 'x'::text)", both seen)
            assertThat(plan.toString()).containsPattern("Index (Only )?Scan using rebound_message_(claim|key) on "
                    + "rebound_message")
                    .containsPattern("Index Cond: \\(+channel\\)?(::text)? = '" + CHANNEL + "'::text\\)")
                    .doesNotContain("Seq Scan");
        }
        Backlog backlog = only(transport(100));
        assertThat(backlog.depth()).isEqualTo(50);
    }
}
