package dev.rebound.opentelemetry.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Consumers;
import dev.rebound.opentelemetry.OperationsMetrics;
import dev.rebound.opentelemetry.testing.InMemoryStore;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's gauges and counters, read by the SDK's in-memory reader: a channel's depth and lag while its
 * consumers are paused and after they caught up, and the duplicates a deduplicated handler acknowledged.
 */
@ReboundTest(beans = {OperationsMetrics.class, TestTelemetry.class, InMemoryStore.class, Warehouse.class,
        Warehouse.Commands.class})
class OperationsMetricsTest {

    private static final String RESTOCK = Warehouse.class.getName() + "#restock";

    @Inject
    Warehouse.Commands commands;

    @Inject
    Warehouse warehouse;

    @Inject
    Consumers consumers;

    @AfterEach
    void resume() {
        consumers.resumeAll();
    }

    private static Map<String, Long> longs(String name, AttributeKey<String> key) {
        MetricData metric = TestTelemetry.metrics().get(name);
        Map<String, Long> points = new HashMap<>();
        if (metric != null) {
            Iterable<LongPointData> all = metric.getType() == io.opentelemetry.sdk.metrics.data.MetricDataType.LONG_SUM
                    ? metric.getLongSumData().getPoints() : metric.getLongGaugeData().getPoints();
            all.forEach(p -> points.put(p.getAttributes().get(key), p.getValue()));
        }
        return points;
    }

    private static Map<String, Double> lags() {
        MetricData metric = TestTelemetry.metrics().get("rebound.channel.lag");
        Map<String, Double> points = new HashMap<>();
        if (metric != null) {
            for (DoublePointData p : metric.getDoubleGaugeData().getPoints()) {
                points.put(p.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")), p.getValue());
            }
        }
        return points;
    }

    @Test
    void a_paused_channel_shows_its_depth_and_growing_lag_then_none_once_consumed() {
        AttributeKey<String> destination = AttributeKey.stringKey("messaging.destination.name");
        assertThat(longs("rebound.channel.depth", destination)).containsEntry("shipments", 0L);
        consumers.pause("shipments");

        commands.send(new Warehouse.Ship("s-1"));
        commands.send(new Warehouse.Ship("s-2"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(longs("rebound.channel.depth", destination)).containsEntry("shipments", 2L);
            assertThat(lags().get("shipments")).isGreaterThanOrEqualTo(0.2);
        });
        assertThat(TestTelemetry.metrics().get("rebound.channel.lag").getUnit()).isEqualTo("s");
        assertThat(TestTelemetry.metrics().get("rebound.channel.depth").getUnit()).isEqualTo("{message}");

        consumers.resume("shipments");
        await().atMost(Duration.ofSeconds(10)).until(() -> warehouse.shipped().size() == 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(longs("rebound.channel.depth", destination)).containsEntry("shipments", 0L);
            assertThat(lags()).containsEntry("shipments", 0.0);
        });
    }

    @Test
    void duplicates_a_deduplicated_handler_acknowledged_are_counted_by_handler() {
        AttributeKey<String> handler = AttributeKey.stringKey("rebound.handler");
        long before = longs("rebound.deduplication.duplicates", handler).getOrDefault(RESTOCK, 0L);

        commands.send(new Warehouse.Restock("sku-1"), Map.of("note", "n-1"));
        commands.send(new Warehouse.Restock("sku-1"), Map.of("note", "n-1"));
        commands.send(new Warehouse.Restock("sku-1"), Map.of("note", "n-1"));
        commands.send(new Warehouse.Restock("sku-2"), Map.of("note", "n-2"));

        assertThat(warehouse.restocked()).containsExactly("sku-1", "sku-2");
        assertThat(longs("rebound.deduplication.duplicates", handler)).containsEntry(RESTOCK, before + 2);
    }
}
