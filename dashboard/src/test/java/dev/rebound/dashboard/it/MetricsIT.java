package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.ExportedMetrics;
import dev.rebound.dashboard.it.support.Http;
import dev.rebound.dashboard.it.support.Shop;
import dev.rebound.dashboard.it.shop.Shipping;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rebound's metrics as Liberty's MicroProfile Telemetry exports them (the logging exporter, every second, into
 * messages.log): counters per channel and handler, the handling duration and the dead letter gauges. Counters
 * are cumulative over the server's life, so the test compares with the values before it acts.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final Map<String, String> SHIPPING = Map.of("rebound.channel", "shipping",
            "rebound.handler", Shipping.class.getName() + "#ship");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.named("dashboard-metrics", "dashMetrics", "dashLedger").build();
    }

    @ArquillianResource
    URL base;

    @Test
    void handling_failures_retries_dead_letters_and_replays_are_exported_per_channel_and_handler() {
        Shop shop = new Shop(base);
        shop.reset();
        ExportedMetrics metrics = ExportedMetrics.ofServer();
        long handled = metrics.latest("rebound.messages.handled", SHIPPING);
        long failed = metrics.latest("rebound.messages.failed", SHIPPING);
        long delayed = metrics.latest("rebound.messages.retried", with("rebound.retry", "delayed"));
        long deadLettered = metrics.latest("rebound.messages.dead_lettered", SHIPPING);
        long replayedHandled = metrics.latest("rebound.messages.replayed", with("rebound.outcome", "handled"));

        shop.ship("metrics-ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> shop.shipped().contains("metrics-ok"));
        String id = shop.deadLetter("metrics-bad");
        shop.carrierDown(false);
        assertThat(Shop.ok(Http.as(base, Http.ADMIN).post("rebound/api/dead-letters/" + id + "/replay", null))
                .body()).contains("true");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metrics.latest("rebound.messages.handled", SHIPPING)).isEqualTo(handled + 2);
            assertThat(metrics.latest("rebound.messages.failed", SHIPPING)).isEqualTo(failed + 2);
            assertThat(metrics.latest("rebound.messages.retried", with("rebound.retry", "delayed")))
                    .isEqualTo(delayed + 1);
            assertThat(metrics.latest("rebound.messages.dead_lettered", SHIPPING)).isEqualTo(deadLettered + 1);
            assertThat(metrics.latest("rebound.messages.replayed", with("rebound.outcome", "handled")))
                    .isEqualTo(replayedHandled + 1);
        });
        assertThat(metrics.line("rebound.handling.duration")).contains("rebound.channel=\"shipping\"")
                .contains("unit=s");
    }

    @Test
    void the_dead_letter_gauges_follow_the_store() {
        Shop shop = new Shop(base);
        shop.reset();
        shop.deadLetter("gauge-1");
        ExportedMetrics metrics = ExportedMetrics.ofServer();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                metrics.latest("rebound.dead_letters", Map.of("rebound.channel", "shipping")) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                metrics.latestDouble("rebound.dead_letters.oldest_age", Map.of()) >= 1.0);
        shop.reset();
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics.line("rebound.dead_letters.oldest_age")
                .contains("value=0.0"));
    }

    private static Map<String, String> with(String key, String value) {
        return Map.of("rebound.channel", "shipping", "rebound.handler", Shipping.class.getName() + "#ship",
                key, value);
    }
}
