package dev.rebound.scenarios.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.Consumers;
import dev.rebound.Node;
import dev.rebound.Nodes;
import dev.rebound.cdi.ReboundExtension;
import dev.rebound.nodes.NodeRegistry;
import dev.rebound.scenarios.dedup.Derby;
import dev.rebound.scenarios.transports.FakeTransport;
import dev.rebound.scenarios.transports.Shop;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.TransportCapability;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.TestConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The node registry with several nodes in one JVM: each node is a CDI container of its own (Weld SE, Rebound's
 * extension, its own name, its own transport and consumers, its own heartbeat thread) on the one database,
 * PostgreSQL or Derby, as nodes of an application on one broker and one database are. Every node sees the others
 * with their consumers; a pause on one shows on the others; a node that stops heartbeating is "not seen since" its
 * last heartbeat, one that shuts down is stopped; the rows of nodes gone for a week are deleted.
 */
class NodeRegistryTest {

    /** Short, so that three missed heartbeats take 0.6 s. */
    private static final String HEARTBEAT_MS = "200";

    private final List<WeldContainer> started = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        List<WeldContainer> all = new ArrayList<>(started);
        Collections.reverse(all);
        all.stream().filter(WeldContainer::isRunning).forEach(WeldContainer::shutdown);
        TestConfig.use(Map.of());
        // a pause everywhere left behind would pause the next tests' nodes
        Postgres.execute("DELETE FROM rebound_channel_pause");
        Derby.execute("DELETE FROM rebound_channel_pause");
    }

    private static void execute(String database, String sql) {
        if (database.equals("derby")) {
            Derby.execute(sql);
        } else {
            Postgres.execute(sql);
        }
    }

    private static long count(String database, String sql) {
        return database.equals("derby") ? Derby.count(sql) : Postgres.count(sql);
    }

    /** A node named {@code name} with consumers on channels audit and orders (one each), on the database. */
    private WeldContainer node(String database, String name) {
        List<Class<?>> classes = new ArrayList<>(List.of(Shop.Orders.class, Shop.Auditing.class));
        if (database.equals("derby")) {
            classes.add(Derby.Resources.class);
        }
        Weld weld = Deployments.node(name, Map.of("rebound.node", name, "rebound.node.heartbeat-ms", HEARTBEAT_MS),
                List.of(new FakeTransport.Factory("fake", TransportCapability.values())),
                classes.toArray(Class<?>[]::new));
        WeldContainer container = weld.initialize();
        started.add(container);
        return container;
    }

    private static Nodes nodes(WeldContainer container) {
        return container.select(Nodes.class).get();
    }

    /** The node of that name as {@code from} lists it. */
    private static Node seen(WeldContainer from, String name) {
        return nodes(from).list().stream().filter(node -> node.name().equals(name)).findFirst().orElse(null);
    }

    private static Node.Channel channel(Node node, String channel) {
        return node.channels().stream().filter(c -> c.channel().equals(channel)).findFirst().orElseThrow();
    }

    private static void emptyRegistry(String database) {
        execute(database, "DELETE FROM rebound_node");
        execute(database, "DELETE FROM rebound_channel_pause");
    }

    private static ChannelStatus.State state(WeldContainer node, String channel) {
        return node.select(Consumers.class).get().status(channel).state();
    }

    @ParameterizedTest(name = "{1} nodes on {0}")
    @CsvSource({"postgresql, 2", "postgresql, 3", "derby, 2", "derby, 3"})
    void each_node_sees_the_others_with_their_consumers(String database, int count) {
        emptyRegistry(database);
        List<String> names = IntStream.rangeClosed(1, count).mapToObj(n -> "node-" + n).toList();
        List<WeldContainer> cluster = names.stream().map(name -> node(database, name)).toList();

        for (int i = 0; i < count; i++) {
            WeldContainer here = cluster.get(i);
            String self = names.get(i);
            List<String> expected = new ArrayList<>(List.of(self));
            names.stream().filter(name -> !name.equals(self)).forEach(expected::add);
            await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<Node> listed = nodes(here).list();
                assertThat(listed).extracting(Node::name).as("this node first, then the others by name")
                        .containsExactlyElementsOf(expected);
                assertThat(listed).allSatisfy(node -> {
                    assertThat(node.state()).isEqualTo(Node.State.ALIVE);
                    assertThat(node.self()).isEqualTo(node.name().equals(self));
                    assertThat(node.heartbeat()).isEqualTo(Duration.ofMillis(200));
                    assertThat(node.stoppedAt()).isNull();
                    assertThat(node.heartbeatAt()).isNotNull();
                    assertThat(node.version()).isNotBlank().isNotEqualTo("unknown");
                    assertThat(node.channels()).containsExactly(
                            new Node.Channel("audit", ChannelStatus.State.CONSUMING, 1, 1, null),
                            new Node.Channel("orders", ChannelStatus.State.CONSUMING, 1, 1, null));
                });
            });
            assertThat(nodes(here).shared()).isTrue();
            assertThat(nodes(here).self()).isEqualTo(self);
        }
        assertThat(count(database, "SELECT count(*) FROM rebound_node WHERE stopped_at IS NULL")).isEqualTo(count);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "derby"})
    void a_pause_on_one_node_shows_on_the_others(String database) {
        emptyRegistry(database);
        WeldContainer a = node(database, "node-a");
        WeldContainer b = node(database, "node-b");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> seen(a, "node-b") != null);

        b.select(Consumers.class).get().pause("orders");

        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Node other = seen(a, "node-b");
            assertThat(channel(other, "orders")).isEqualTo(new Node.Channel("orders", ChannelStatus.State.PAUSED, 1, 0,
                    null));
            assertThat(channel(other, "audit").state()).isEqualTo(ChannelStatus.State.CONSUMING);
        });
        assertThat(channel(seen(a, "node-a"), "orders").state()).as("the pause acts on node-b only")
                .isEqualTo(ChannelStatus.State.CONSUMING);
        assertThat(count(database, "SELECT count(*) FROM rebound_node WHERE node = 'node-b' AND channels LIKE "
                + "'%orders PAUSED 1 0 -%'")).isEqualTo(1);

        b.select(Consumers.class).get().resume("orders");

        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> channel(seen(a, "node-b"), "orders").state()
                == ChannelStatus.State.CONSUMING);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "derby"})
    void a_pause_everywhere_reaches_every_node_within_a_heartbeat_and_the_nodes_started_later(String database) {
        emptyRegistry(database);
        WeldContainer a = node(database, "node-a");
        WeldContainer b = node(database, "node-b");
        WeldContainer c = node(database, "node-c");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> nodes(a).list().size() == 3);
        List<WeldContainer> others = List.of(b, c);
        long asked = System.nanoTime();

        nodes(a).pauseEverywhere("orders");

        assertThat(state(a, "orders")).as("here at once").isEqualTo(ChannelStatus.State.PAUSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> others.stream()
                .allMatch(node -> state(node, "orders") == ChannelStatus.State.PAUSED));
        long reachedMs = (System.nanoTime() - asked) / 1_000_000;
        assertThat(List.of(a, b, c)).allSatisfy(node -> assertThat(state(node, "audit")).as("the other channel")
                .isEqualTo(ChannelStatus.State.CONSUMING));
        assertThat(nodes(b).pausedEverywhere()).containsExactly("orders");
        assertThat(count(database, "SELECT count(*) FROM rebound_channel_pause WHERE channel = 'orders' AND paused = 1 "
                + "AND changed_by = 'node-a'")).isEqualTo(1);
        // every node's registry row shows it, so every node's dashboard does
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nodes(a).list())
                .allSatisfy(node -> assertThat(channel(node, "orders").state()).isEqualTo(ChannelStatus.State.PAUSED)));

        WeldContainer d = node(database, "node-d");
        await().atMost(Duration.ofSeconds(10)).until(() -> state(d, "orders") == ChannelStatus.State.PAUSED);

        // a resume on one node holds there until the next change everywhere
        b.select(Consumers.class).get().resume("orders");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> state(b, "orders") == ChannelStatus.State.CONSUMING);

        long resumed = System.nanoTime();
        nodes(c).resumeEverywhere("orders");

        await().atMost(Duration.ofSeconds(10)).until(() -> List.of(a, b, c, d).stream()
                .allMatch(node -> state(node, "orders") == ChannelStatus.State.CONSUMING));
        long resumedMs = (System.nanoTime() - resumed) / 1_000_000;
        assertThat(nodes(a).pausedEverywhere()).isEmpty();
        System.out.println("REBOUND NODES registry " + database + ": pause everywhere on 3 nodes in " + reachedMs
                + " ms, resume on 4 in " + resumedMs + " ms, heartbeat " + HEARTBEAT_MS + " ms");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "derby"})
    void a_node_that_stops_heartbeating_is_not_seen_since_its_last_heartbeat(String database) {
        emptyRegistry(database);
        WeldContainer a = node(database, "node-a");
        WeldContainer b = node(database, "node-b");
        WeldContainer c = node(database, "node-c");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> seen(a, "node-b") != null && seen(c, "node-b") != null);

        // node-b hangs (or died without a word): its row stays as its last heartbeat left it
        ((NodeRegistry) nodes(b)).halt();
        long last = count(database, "SELECT heartbeat_at FROM rebound_node WHERE node = 'node-b'");

        for (WeldContainer other : List.of(a, c)) {
            Node silent = await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> seen(other, "node-b"),
                    node -> node.state() == Node.State.NOT_SEEN);
            assertThat(silent.heartbeatAt()).as("not seen since").isEqualTo(Instant.ofEpochMilli(last));
            assertThat(silent.stoppedAt()).isNull();
            assertThat(silent.channels()).as("as its last heartbeat left them").hasSize(2);
        }
        assertThat(System.currentTimeMillis() - last).as("three heartbeats missed first").isGreaterThan(600);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> seen(a, "node-c").state() == Node.State.ALIVE);

        // it does not come back by shutting down: a node that died says nothing
        b.shutdown();
        assertThat(seen(a, "node-b").state()).isEqualTo(Node.State.NOT_SEEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "derby"})
    void a_node_that_shuts_down_is_shown_stopped(String database) {
        emptyRegistry(database);
        WeldContainer a = node(database, "node-a");
        WeldContainer b = node(database, "node-b");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> seen(a, "node-b") != null);
        Instant before = Instant.now();

        b.shutdown();

        Node stopped = seen(a, "node-b");
        assertThat(stopped.state()).isEqualTo(Node.State.STOPPED);
        assertThat(stopped.stoppedAt()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(count(database, "SELECT count(*) FROM rebound_node WHERE node = 'node-b' AND stopped_at IS NOT "
                + "NULL")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "derby"})
    void the_rows_of_nodes_gone_for_a_week_are_deleted_by_a_node_that_heartbeats(String database) {
        emptyRegistry(database);
        long now = System.currentTimeMillis();
        long eightDays = now - Duration.ofDays(8).toMillis();
        long sixDays = now - Duration.ofDays(6).toMillis();
        execute(database, "INSERT INTO rebound_node (node, started_at, heartbeat_at, heartbeat_ms, stopped_at, "
                + "version, channels) VALUES ('stopped-8d', " + eightDays + ", " + eightDays + ", 10000, " + eightDays
                + ", 'x', '')");
        execute(database, "INSERT INTO rebound_node (node, started_at, heartbeat_at, heartbeat_ms, version, "
                + "channels) VALUES ('died-8d', " + eightDays + ", " + eightDays + ", 10000, 'x', 'orders CONSUMING 2 2 "
                + "-')");
        execute(database, "INSERT INTO rebound_node (node, started_at, heartbeat_at, heartbeat_ms, version, "
                + "channels) VALUES ('died-6d', " + sixDays + ", " + sixDays + ", 10000, 'x', 'orders CONSUMING 2 2 -')");
        try (LogRecords log = LogRecords.of("dev.rebound.nodes")) {
            WeldContainer a = node(database, "node-a");

            await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> count(database,
                    "SELECT count(*) FROM rebound_node WHERE node LIKE '%-8d'") == 0);
            assertThat(log.messages("REBOUND-2051")).singleElement().asString()
                    .startsWith("REBOUND-2051: Deleted 2 rows of rebound_node of nodes not heard from for PT168H");
            Node kept = seen(a, "died-6d");
            assertThat(kept.state()).isEqualTo(Node.State.NOT_SEEN);
            assertThat(kept.heartbeatAt()).isEqualTo(Instant.ofEpochMilli(sixDays));
            assertThat(kept.channels()).containsExactly(new Node.Channel("orders", ChannelStatus.State.CONSUMING, 2,
                    2, null));
        }
    }

    @Test
    void a_name_heartbeating_already_is_reported_at_start() {
        emptyRegistry("postgresql");
        long now = System.currentTimeMillis();
        Postgres.execute("INSERT INTO rebound_node (node, started_at, heartbeat_at, heartbeat_ms, version, channels) "
                + "VALUES ('twin', 1, " + now + ", 60000, 'x', '')");
        try (LogRecords log = LogRecords.of("dev.rebound.nodes")) {
            WeldContainer twin = node("postgresql", "twin");

            await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> !log.messages("REBOUND-2050").isEmpty());
            assertThat(log.messages("REBOUND-2050").get(0)).startsWith("REBOUND-2050: Node twin found its name "
                    + "heartbeating in rebound_node at " + Instant.ofEpochMilli(now) + " by a node started at "
                    + Instant.ofEpochMilli(1));
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> Postgres.count("SELECT count(*) FROM rebound_node "
                    + "WHERE node = 'twin' AND heartbeat_ms = 200") == 1);
            assertThat(nodes(twin).list()).extracting(Node::name).containsExactly("twin");
        }
    }

    @Test
    void without_a_database_the_registry_is_off_and_lists_this_node_only() {
        TestConfig.use(Map.of("rebound.node", "alone"));
        try (LogRecords log = LogRecords.of("dev.rebound.nodes");
             WeldContainer alone = new Weld("alone").disableDiscovery()
                     .addExtension(new ReboundExtension(List.of())).initialize()) {
            Nodes nodes = nodes(alone);

            assertThat(nodes.shared()).isFalse();
            assertThat(nodes.list()).singleElement().satisfies(node -> {
                assertThat(node.name()).isEqualTo("alone");
                assertThat(node.self()).isTrue();
                assertThat(node.state()).isEqualTo(Node.State.ALIVE);
                assertThat(node.heartbeatAt()).isNull();
                assertThat(node.channels()).isEmpty();
            });
            assertThatThrownBy(() -> nodes.pauseEverywhere("orders")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("REBOUND-2070");
            assertThat(nodes.pausedEverywhere()).isEmpty();
            assertThat(log.messages("REBOUND-2196")).singleElement().asString().isEqualTo("REBOUND-2196: The node "
                    + "registry is off: there is no database (no EntityManager bean or no JTA transaction manager). "
                    + "Node alone lists only itself; its dashboard shows this node's consumers only.");
        }
    }

    @Test
    void without_a_database_a_pause_everywhere_is_refused() {
        TestConfig.use(Map.of("rebound.node", "alone", "rebound.channels", "orders"));
        try (WeldContainer alone = new Weld("alone").disableDiscovery().addExtension(new ReboundExtension(
                List.of(new FakeTransport.Factory("fake", TransportCapability.values())))).initialize()) {
            Nodes nodes = nodes(alone);

            assertThatThrownBy(() -> nodes.pauseEverywhere("orders")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("REBOUND-2054: Cannot pause channel orders on every node: the node registry is off "
                            + "(no database, REBOUND-2196). Pause it on each node (Consumers.pause).");
            assertThat(state(alone, "orders")).as("not even here").isEqualTo(ChannelStatus.State.CONSUMING);
            assertThat(nodes.list()).singleElement().satisfies(node -> assertThat(node.channels())
                    .containsExactly(new Node.Channel("orders", ChannelStatus.State.CONSUMING, 1, 1, null)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "199", "3600001", "ten", "1e4", "10s", "99999999999999999999"})
    void a_hostile_heartbeat_interval_fails_the_deployment(String value) {
        String failure = Deployments.messages(Deployments.failureOf(() -> Deployments.weld(
                Map.of("rebound.node.heartbeat-ms", value), List.of())));

        assertThat(failure).contains("REBOUND-2049: Config property rebound.node.heartbeat-ms=" + value + " is not "
                + "valid: expected a whole number of milliseconds from 200 to 3600000");
    }
}
