package dev.rebound.opentelemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.opentelemetry.MessagingMetrics;
import dev.rebound.opentelemetry.testing.InMemoryStore;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The messaging conventions' metrics of a queue: every message put on it (the first send and the delayed retry's),
 * every message taken off it, and how long its handler ran, the failed run with its {@code error.type}; a gateway's
 * call is not a messaging operation and is not counted.
 */
@ReboundTest(beans = {MessagingMetrics.class, TestTelemetry.class, InMemoryStore.class, Meters.class})
class MessagingMetricsTest {

    private static final Map<String, Object> SEND = Map.of("messaging.system", "in-memory",
            "messaging.destination.name", "readings", "messaging.operation.name", "send");
    private static final Map<String, Object> PROCESS = Map.of("messaging.system", "in-memory",
            "messaging.destination.name", "readings", "messaging.operation.name", "process");

    @Inject
    CommandBus bus;

    @Test
    void a_queue_counts_sent_and_consumed_messages_and_times_each_handling_with_the_failure_type() {
        String checked = bus.send(new Meters.Check("m-0"));
        assertThat(checked).isEqualTo("checked m-0");
        bus.send(new Meters.Read("m-1"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> durations().size() == 2);
        Map<String, MetricData> metrics = TestTelemetry.metrics();
        assertThat(counts(metrics.get("messaging.client.sent.messages"))).isEqualTo(Map.of(SEND, 2L));
        assertThat(counts(metrics.get("messaging.client.consumed.messages"))).isEqualTo(Map.of(PROCESS, 2L));
        assertThat(metrics.get("messaging.client.sent.messages").getUnit()).isEqualTo("{message}");

        MetricData duration = metrics.get("messaging.process.duration");
        assertThat(duration.getUnit()).isEqualTo("s");
        Map<String, Object> failed = new TreeMap<>(PROCESS);
        failed.put("error.type", IllegalStateException.class.getName());
        assertThat(durations()).containsOnlyKeys(new TreeMap<>(PROCESS), failed)
                .allSatisfy((attributes, point) -> assertThat(point.getCount()).isEqualTo(1));
        // nothing for the gateway's synchronous call
        assertThat(metrics.keySet()).containsOnly("messaging.client.sent.messages",
                "messaging.client.consumed.messages", "messaging.process.duration");
    }

    private static Map<Map<String, Object>, HistogramPointData> durations() {
        MetricData duration = TestTelemetry.metrics().get("messaging.process.duration");
        Map<Map<String, Object>, HistogramPointData> points = new java.util.HashMap<>();
        if (duration != null) {
            duration.getHistogramData().getPoints().forEach(p -> points.put(map(p.getAttributes()), p));
        }
        return points;
    }

    private static Map<Map<String, Object>, Long> counts(MetricData counter) {
        Map<Map<String, Object>, Long> counts = new java.util.HashMap<>();
        for (LongPointData point : counter.getLongSumData().getPoints()) {
            counts.put(map(point.getAttributes()), point.getValue());
        }
        return counts;
    }

    private static Map<String, Object> map(Attributes attributes) {
        Map<String, Object> all = new TreeMap<>();
        attributes.forEach((key, value) -> all.put(key.getKey(), value));
        return all;
    }
}
