package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Failure;
import dev.rebound.testsupport.Ddl;
import dev.rebound.testsupport.Jta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table rebound_decision as several nodes use it, on PostgreSQL (the JTA pool of the tests, its connections
 * taken outside a transaction here) and on an embedded Derby: each "node" is a {@link DecisionTable} of its own, each
 * unit of a redelivery a connection in a local transaction of its own (the consumers' units join JTA: see
 * {@code DecisionsAcrossNodesTest}).
 */
class DecisionTableTest {

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private static final ExecutorService THREADS = Executors.newCachedThreadPool();
    private static DataSource derby;

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    private static synchronized DataSource dataSource(String database) throws SQLException {
        if (database.equals("postgresql")) {
            return Jta.dataSource();
        }
        if (derby == null) {
            EmbeddedDataSource d = new EmbeddedDataSource();
            d.setDatabaseName("memory:decisions");
            d.setCreateDatabase("create");
            try (Connection c = d.getConnection(); Statement s = c.createStatement()) {
                for (String sql : Ddl.reboundStatements(DecisionTableTest.class.getClassLoader(), c)) {
                    s.executeUpdate(sql);
                }
            }
            derby = d;
        }
        return derby;
    }

    private static Decision deadLetter(String message) {
        return Decision.deliver("deadLetter", new FailureText(new Failure("java.lang.IllegalStateException", message,
                null, null, "trace", null), "H#handle", null, 1, Instant.parse("2026-12-03T07:00:00Z")), 0);
    }

    private static Decision forward() {
        return new Decision(Decision.Kind.FORWARD, "work", 250, new FailureText(new Failure("E", "boom", "R", "root",
                null, "a.B.c"), "H#handle", "channel work", 2, Instant.EPOCH), 0, false, null,
                Map.of("traceparent", "00-abc-def-01"));
    }

    /** A unit of a redelivery: takes the key in a local transaction, then commits it or rolls it back. */
    private static DecisionTable.Found inUnit(DataSource ds, DecisionTable node, String key, boolean commit)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                DecisionTable.Found found = node.take(c, key);
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return found;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static long rows(DataSource ds, String key) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM rebound_decision WHERE decision_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String newKey() {
        return DecisionTable.key(UUID.randomUUID(), "ID:" + UUID.randomUUID());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void a_decision_node_1_wrote_is_taken_by_node_2_once_and_is_gone_when_its_unit_commits(String database)
            throws Exception {
        DataSource ds = dataSource(database);
        DecisionTable node1 = new DecisionTable(ds, "node-1", 60_000);
        DecisionTable node2 = new DecisionTable(ds, "node-2", 60_000);
        String key = newKey();

        node1.route(key, UUID.randomUUID()).decided(forward());
        // node 1 stops here: nothing else of it is needed

        DecisionTable.Found found = inUnit(ds, node2, key, true);
        assertThat(found.decision()).isEqualTo(forward());
        assertThat(found.node()).isEqualTo("node-1");
        assertThat(rows(ds, key)).isZero();
        assertThat(inUnit(ds, node2, key, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void a_unit_that_rolls_back_leaves_the_decision_for_the_next_delivery(String database) throws Exception {
        DataSource ds = dataSource(database);
        DecisionTable node1 = new DecisionTable(ds, "node-1", 60_000);
        DecisionTable node2 = new DecisionTable(ds, "node-2", 60_000);
        String key = newKey();
        node1.route(key, UUID.randomUUID()).decided(deadLetter("disk full"));

        assertThat(inUnit(ds, node2, key, false).decision()).isEqualTo(deadLetter("disk full"));
        assertThat(rows(ds, key)).isEqualTo(1);
        assertThat(inUnit(ds, node1, key, true).decision()).isEqualTo(deadLetter("disk full"));
        assertThat(rows(ds, key)).isZero();
    }

    /** Two units of two nodes take the same decision: the second waits for the first and gets it only if that rolled back. */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void of_two_receivers_of_one_decision_one_carries_it_out(String database) throws Exception {
        DataSource ds = dataSource(database);
        DecisionTable node1 = new DecisionTable(ds, "node-1", 60_000);
        DecisionTable node2 = new DecisionTable(ds, "node-2", 60_000);
        DecisionTable node3 = new DecisionTable(ds, "node-3", 60_000);
        for (boolean firstCommits : new boolean[] {true, false}) {
            String key = newKey();
            node1.route(key, UUID.randomUUID()).decided(forward());
            try (Connection first = ds.getConnection()) {
                first.setAutoCommit(false);
                assertThat(node2.take(first, key).decision()).isEqualTo(forward());
                Future<DecisionTable.Found> second = THREADS.submit(() -> inUnit(ds, node3, key, true));
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
                if (firstCommits) {
                    first.commit();
                } else {
                    first.rollback();
                }
                first.setAutoCommit(true);
                DecisionTable.Found other = second.get();
                if (firstCommits) {
                    assertThat(other).isNull();
                } else {
                    assertThat(other.decision()).isEqualTo(forward());
                }
            }
            assertThat(rows(ds, key)).isZero();
        }
    }

    /**
     * The redelivery comes while node 1 is still deciding: node 2 waits for node 1's lock (PostgreSQL: it reads the
     * row as routing and waits in {@link DecisionTable#await}; Derby: its read waits), then takes the decision.
     */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void a_redelivery_waits_while_the_deciding_node_holds_the_row(String database) throws Exception {
        DataSource ds = dataSource(database);
        DecisionTable node1 = new DecisionTable(ds, "node-1", 60_000);
        DecisionTable node2 = new DecisionTable(ds, "node-2", 60_000);
        String key = newKey();
        DecisionTable.Routing routing = node1.route(key, UUID.randomUUID());

        CompletableFuture<Decision> redelivery = CompletableFuture.supplyAsync(() -> {
            try {
                DecisionTable.Found seen = inUnit(ds, node2, key, true);
                if (seen != null && seen.routing()) {
                    assertThat(node2.await(key).kind()).isEqualTo("DELIVER");
                    seen = inUnit(ds, node2, key, true);
                }
                return seen == null ? null : seen.decision();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, THREADS);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !redelivery.isDone());
        routing.decided(deadLetter("late"));

        assertThat(redelivery.get(10, TimeUnit.SECONDS)).isEqualTo(deadLetter("late"));
        assertThat(rows(ds, key)).isZero();
    }

    /** Node 1 dies while deciding (its connection ends, its lock with it): the row is left routing and removed. */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void a_row_left_routing_by_a_node_that_ended_is_removed_and_no_decision_is_taken(String database)
            throws Exception {
        DataSource ds = dataSource(database);
        DecisionTable node1 = new DecisionTable(ds, "node-1", 60_000);
        DecisionTable node2 = new DecisionTable(ds, "node-2", 60_000);
        String key = newKey();
        node1.route(key, UUID.randomUUID()).close();

        assertThat(inUnit(ds, node2, key, true).routing()).isTrue();
        DecisionTable.Found left = node2.await(key);
        assertThat(left.routing()).isTrue();
        assertThat(left.node()).isEqualTo("node-1");
        assertThat(rows(ds, key)).isZero();
        assertThat(node2.await(key)).isNull();
        // the next failure of the message routes afresh
        node2.route(key, UUID.randomUUID()).forget();
        assertThat(rows(ds, key)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void rows_older_than_the_retention_are_removed_and_the_others_kept(String database) throws Exception {
        DataSource ds = dataSource(database);
        DecisionTable node = new DecisionTable(ds, "node-1", 60_000);
        node.expire(System.currentTimeMillis());
        String old = newKey();
        String recent = newKey();
        node.route(old, UUID.randomUUID()).decided(forward());
        node.route(recent, UUID.randomUUID()).decided(forward());
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE rebound_decision SET created_at = ? WHERE decision_key = ?")) {
            s.setLong(1, System.currentTimeMillis() - 120_000);
            s.setString(2, old);
            s.executeUpdate();
        }

        assertThat(node.expire(System.currentTimeMillis())).isEqualTo(1);

        assertThat(rows(ds, old)).isZero();
        assertThat(rows(ds, recent)).isEqualTo(1);
        assertThat(node.expire(System.currentTimeMillis() + 120_000)).isGreaterThanOrEqualTo(1);
        assertThat(rows(ds, recent)).isZero();
    }

    @Test
    void a_decision_reads_back_from_its_json_as_it_was_written() {
        Decision withNulls = new Decision(Decision.Kind.RESEND, null, 0, new FailureText(new Failure("E", null, null,
                null, null, null), null, null, 0, Instant.EPOCH), 3, true, null, null);
        for (Decision d : new Decision[] {forward(), deadLetter("x\"y\n"), withNulls, Decision.ACK}) {
            assertThat(DecisionJson.read(DecisionJson.write(d))).isEqualTo(d);
        }
    }

    @Test
    void the_key_is_43_characters_and_differs_per_delivery() {
        UUID id = UUID.randomUUID();
        assertThat(DecisionTable.key(id, "ID:1")).hasSize(43).isEqualTo(DecisionTable.key(id, "ID:1"))
                .isNotEqualTo(DecisionTable.key(id, "ID:2")).isNotEqualTo(DecisionTable.key(UUID.randomUUID(), "ID:1"));
    }
}
