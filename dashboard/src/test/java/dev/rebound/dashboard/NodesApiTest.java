package dev.rebound.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.Consumers;
import dev.rebound.cdi.ReboundExtension;
import dev.rebound.scenarios.transports.FakeTransport;
import dev.rebound.scenarios.transports.Shop;
import dev.rebound.spi.TransportCapability;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ServerResources;
import dev.rebound.testsupport.TestConfig;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API's {@code GET nodes} on one node of several (each a CDI container of its own in this JVM, on the one
 * PostgreSQL): every node with its consumers per channel and its last heartbeat, as JSON-B writes it for JAX-RS.
 */
class NodesApiTest {

    private final List<WeldContainer> started = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        List<WeldContainer> all = new ArrayList<>(started);
        Collections.reverse(all);
        all.stream().filter(WeldContainer::isRunning).forEach(WeldContainer::shutdown);
        TestConfig.use(Map.of());
    }

    /**
     * A node with the dashboard if asked; with a database and consumers on audit and orders, or without either (its
     * handlers' dead letters would need the database).
     */
    private WeldContainer node(String name, boolean dashboard, boolean database) {
        TestConfig.use(Map.of("rebound.node", name, "rebound.node.heartbeat-ms", "1000"));
        Weld weld = new Weld(name).disableDiscovery()
                .addExtension(new ReboundExtension(List.of(new FakeTransport.Factory("fake",
                        TransportCapability.values()))));
        if (database) {
            weld.addBeanClasses(Shop.Orders.class, Shop.Auditing.class, ServerResources.class);
        }
        if (dashboard) {
            weld.addExtension(new DashboardExtension()).addBeanClasses(Dashboard.class);
        }
        WeldContainer container = weld.initialize();
        started.add(container);
        return container;
    }

    private static JsonObject json(Views.NodesView view) throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return Json.createReader(new StringReader(jsonb.toJson(view))).readObject();
        }
    }

    @Test
    void every_node_with_its_consumers_and_last_heartbeat() throws Exception {
        Postgres.execute("DELETE FROM rebound_node");
        Postgres.execute("DELETE FROM rebound_channel_pause");
        // a node that died two days ago, as its last heartbeat left its row
        Postgres.execute("INSERT INTO rebound_node (node, started_at, heartbeat_at, heartbeat_ms, version, channels) "
                + "VALUES ('node-c', " + Instant.parse("2026-12-01T08:00:00Z").toEpochMilli() + ", "
                + Instant.parse("2026-12-01T09:00:00Z").toEpochMilli() + ", 10000, '0.0.9', "
                + "'audit RECONNECTING 1 1 jakarta.jms.JMSException+%28REBOUND-3007%29\norders PAUSED 2 0 -\n')");
        WeldContainer a = node("node-a", true, true);
        WeldContainer b = node("node-b", false, true);
        b.select(Consumers.class).get().pause("orders");
        AdminApi api = new AdminApi(a.select(Dashboard.class).get());

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> api.nodes().nodes().size() == 3
                && api.nodes().nodes().get(1).channels().get(1).state().equals("PAUSED"));
        JsonObject view = json(api.nodes());

        assertThat(view.getString("self")).isEqualTo("node-a");
        assertThat(view.getBoolean("shared")).isTrue();
        assertThat(view.getJsonNumber("heartbeatSeconds").doubleValue()).isEqualTo(1.0);
        JsonArray nodes = view.getJsonArray("nodes");
        assertThat(nodes).hasSize(3);
        JsonObject self = nodes.getJsonObject(0);
        assertThat(self.getString("name")).isEqualTo("node-a");
        assertThat(self.getString("state")).isEqualTo("ALIVE");
        assertThat(self.getBoolean("self")).isTrue();
        assertThat(self.getJsonArray("channels").toString()).isEqualTo("[{\"channel\":\"audit\",\"consumers\":1,"
                + "\"live\":1,\"state\":\"CONSUMING\"},{\"channel\":\"orders\",\"consumers\":1,\"live\":1,"
                + "\"state\":\"CONSUMING\"}]");
        JsonObject other = nodes.getJsonObject(1);
        assertThat(other.getString("name")).isEqualTo("node-b");
        assertThat(other.getString("state")).isEqualTo("ALIVE");
        assertThat(other.getBoolean("self")).isFalse();
        assertThat(Instant.parse(other.getString("heartbeatAt"))).isAfter(Instant.now().minusSeconds(10));
        assertThat(other.getJsonNumber("heartbeatAgeSeconds").longValue()).isBetween(0L, 10L);
        assertThat(other.containsKey("stoppedAt")).isFalse();
        assertThat(other.getJsonArray("channels").toString()).isEqualTo("[{\"channel\":\"audit\",\"consumers\":1,"
                + "\"live\":1,\"state\":\"CONSUMING\"},{\"channel\":\"orders\",\"consumers\":1,\"live\":0,"
                + "\"state\":\"PAUSED\"}]");
        JsonObject dead = nodes.getJsonObject(2);
        assertThat(dead.getJsonNumber("heartbeatAgeSeconds").longValue()).isGreaterThan(Duration.ofHours(1)
                .toSeconds());
        assertThat(Json.createObjectBuilder(dead).remove("heartbeatAgeSeconds").build().toString()).isEqualTo(
                "{\"channels\":[{\"channel\":\"audit\",\"consumers\":1,\"failure\":\"jakarta.jms.JMSException "
                + "(REBOUND-3007)\",\"live\":1,\"state\":\"RECONNECTING\"},{\"channel\":\"orders\",\"consumers\":2,"
                + "\"live\":0,\"state\":\"PAUSED\"}],\"heartbeatAt\":\"2026-12-01T09:00:00Z\","
                + "\"heartbeatSeconds\":10.0,\"name\":\"node-c\",\"self\":false,"
                + "\"startedAt\":\"2026-12-01T08:00:00Z\",\"state\":\"NOT_SEEN\",\"version\":\"0.0.9\"}");

        assertThat(view.getJsonArray("pausedEverywhere")).isEmpty();

        // POST channels/audit/pause-everywhere on node-a (its body, without a JAX-RS runtime here): node-b pauses it
        // at its next heartbeat
        Views.NodesView paused = api.changeEverywhere("audit", true);

        assertThat(json(paused).getJsonArray("pausedEverywhere").toString()).isEqualTo("[\"audit\"]");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> api.nodes().nodes().get(1).channels()
                .get(0).state().equals("PAUSED"));
        assertThat(b.select(Consumers.class).get().status("audit").state().name()).isEqualTo("PAUSED");
        assertThat(api.changeEverywhere("audit", false).pausedEverywhere()).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> b.select(Consumers.class).get().status("audit").state()
                .name().equals("CONSUMING"));

        b.shutdown();

        JsonObject gone = json(api.nodes()).getJsonArray("nodes").getJsonObject(1);
        assertThat(gone.getString("name")).isEqualTo("node-b");
        assertThat(gone.getString("state")).isEqualTo("STOPPED");
        assertThat(Instant.parse(gone.getString("stoppedAt"))).isAfter(Instant.now().minusSeconds(10));
    }

    @Test
    void without_a_database_only_this_node() throws Exception {
        WeldContainer alone = node("alone", true, false);

        JsonObject view = json(new AdminApi(alone.select(Dashboard.class).get()).nodes());

        assertThat(view.getBoolean("shared")).isFalse();
        assertThat(view.getJsonArray("nodes")).hasSize(1);
        assertThat(view.getJsonArray("nodes").getJsonObject(0).getString("name")).isEqualTo("alone");
        assertThat(view.getJsonArray("nodes").getJsonObject(0).containsKey("heartbeatAt")).isFalse();
        assertThat(view.getJsonArray("nodes").getJsonObject(0).getJsonArray("channels")).isEmpty();
        // not a channel: the API's IllegalArgumentException mapper answers 400 with it
        assertThatThrownBy(() -> new AdminApi(alone.select(Dashboard.class).get()).changeEverywhere("x", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REBOUND-2070");
    }
}
