package dev.rebound.dashboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.spi.Backlog;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.ChannelStatus.Failure;
import dev.rebound.spi.ChannelStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * What {@code /health/ready} publishes for each state of the consumers: down unless every channel consumes (a
 * consumer may reconnect for the grace period), with counts and exception types, never an exception's text.
 */
class ReadinessTest {

    private static final Instant NOW = Instant.parse("2026-12-01T20:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Failure JMS = new Failure("jakarta.jms.JMSRuntimeException", "REBOUND-3007");

    private static ChannelStatus consuming(String channel) {
        return new ChannelStatus(channel, State.CONSUMING, 2, 2, 0, 0, null, null, null);
    }

    private static HealthCheckResponse readiness(String brokerProblem, ChannelStatus... channels) {
        return new ReboundReadiness(() -> List.of(channels), () -> brokerProblem, GRACE,
                Clock.fixed(NOW, ZoneOffset.UTC)).call();
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void up_with_counts_while_every_channel_consumes_and_the_broker_answers() {
        HealthCheckResponse response = readiness(null, consuming("orders"), consuming("payments"));

        assertThat(response.getName()).isEqualTo("rebound");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("consumer.orders", "consuming")
                .containsEntry("consumer.orders.configured", 2L).containsEntry("consumer.orders.live", 2L)
                .containsEntry("consumer.orders.restarts", 0L).containsEntry("consumer.payments", "consuming")
                .containsEntry("broker", "reachable").doesNotContainKey("consumer.orders.since");
    }

    @Test
    void paused_consumers_are_not_ready() {
        ChannelStatus paused = new ChannelStatus("orders", State.PAUSED, 2, 0, 0, 0, NOW.minusSeconds(1), null, null);

        HealthCheckResponse response = readiness(null, paused, consuming("payments"));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("consumer.orders", "paused by the application")
                .containsEntry("consumer.orders.live", 0L)
                .containsEntry("consumer.orders.since", "2026-12-01T19:59:59Z")
                .containsEntry("consumer.payments", "consuming");
    }

    @Test
    void a_channel_stopped_by_the_strategy_is_not_ready_and_shows_the_reason() {
        ChannelStatus stopped = new ChannelStatus("ledger", State.STOPPED, 1, 0, 0, 0, NOW,
                new Failure(IllegalStateException.class.getName(), "REBOUND-3006"),
                "message m-1 failed with java.lang.IllegalStateException and the final failure strategy is STOP");

        HealthCheckResponse response = readiness(null, stopped);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("consumer.ledger", "stopped: message m-1 failed with "
                + "java.lang.IllegalStateException and the final failure strategy is STOP");
    }

    @Test
    void a_reconnecting_consumer_is_ready_for_the_grace_period_then_not() {
        ChannelStatus blip = new ChannelStatus("orders", State.RECONNECTING, 2, 2, 1, 0, NOW.minusSeconds(5), JMS, null);
        ChannelStatus outage = new ChannelStatus("orders", State.RECONNECTING, 2, 2, 2, 0, NOW.minusMillis(5001), JMS,
                null);

        assertThat(readiness(null, blip).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        HealthCheckResponse down = readiness(null, outage);
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(down)).containsEntry("consumer.orders",
                        "2 reconnecting after jakarta.jms.JMSRuntimeException (REBOUND-3007)")
                .containsEntry("consumer.orders.since", "2026-12-01T19:59:54.999Z");
    }

    @Test
    void a_channel_that_lost_a_consumer_thread_is_not_ready_and_counts_restarts() {
        ChannelStatus dead = new ChannelStatus("orders", State.DEAD, 2, 1, 0, 3, NOW,
                new Failure(InternalError.class.getName(), "REBOUND-3041"), null);

        HealthCheckResponse response = readiness(null, dead);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("consumer.orders",
                "1 consumer thread(s) died of java.lang.InternalError (REBOUND-3041)")
                .containsEntry("consumer.orders.live", 1L).containsEntry("consumer.orders.restarts", 3L);
    }

    @Test
    void consumers_not_started_are_not_ready() {
        ChannelStatus waiting = new ChannelStatus("orders", State.NOT_STARTED, 0, 0, 0, 0, null, null, null);

        HealthCheckResponse response = readiness(null, waiting);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("consumer.orders", "not started");
    }

    /** The probe's exception text can name hosts and users; only its type is published. */
    @Test
    void an_unreachable_broker_is_published_by_exception_type_only() {
        HealthCheckResponse response = readiness("jakarta.jms.JMSRuntimeException: Failed to connect as "
                + "user ops with password s3cret to tcp://broker:61616", consuming("orders"));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("broker", "unreachable: jakarta.jms.JMSRuntimeException");
        assertThat(data(response).toString()).doesNotContain("s3cret");
    }

    @Test
    void without_asynchronous_channels_it_is_up_and_does_not_probe_the_broker() {
        HealthCheckResponse response = new ReboundReadiness(List::of, () -> {
            throw new AssertionError("probed");
        }, GRACE, Clock.systemUTC()).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).isEmpty();
    }

    private static HealthCheckResponse readiness(LagLimits limits, Backlog... backlog) {
        return new ReboundReadiness(() -> List.of(consuming("outbox"), consuming("orders")), () -> null, GRACE,
                Clock.fixed(NOW, ZoneOffset.UTC), () -> List.of(backlog), limits).call();
    }

    private static Backlog backlog(String channel, long depth, long lagMs) {
        return new Backlog(channel, depth, Duration.ofMillis(lagMs), NOW.minusSeconds(1));
    }

    @Test
    void a_channel_within_its_lag_limit_is_ready_and_its_depth_and_lag_are_published() {
        HealthCheckResponse response = readiness(LagLimits.DEFAULTS, backlog("outbox", 12, 60_000));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("backlog.outbox", "keeping up")
                .containsEntry("backlog.outbox.depth", 12L).containsEntry("backlog.outbox.lag-ms", 60_000L)
                .containsEntry("backlog.outbox.max-lag-ms", 60_000L)
                .containsEntry("backlog.outbox.measured", "2026-12-01T19:59:59Z");
    }

    @Test
    void a_channel_whose_oldest_due_message_waits_longer_than_the_limit_is_not_ready() {
        HealthCheckResponse response = readiness(LagLimits.DEFAULTS, backlog("outbox", 500, 60_001),
                backlog("orders", 1, 10));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("backlog.outbox", "behind: the oldest due message has waited "
                        + "60001 ms, more than rebound.health.max-lag-ms=60000")
                .containsEntry("backlog.outbox.depth", 500L).containsEntry("backlog.orders", "keeping up");
    }

    @Test
    void a_channel_limit_overrides_the_default_and_zero_turns_the_check_off() {
        LagLimits limits = new LagLimits(Duration.ofSeconds(60), Map.of("outbox", Duration.ofSeconds(2),
                "orders", Duration.ZERO));

        HealthCheckResponse response = readiness(limits, backlog("outbox", 3, 2_500), backlog("orders", 9, 3_600_000));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("backlog.outbox", "behind: the oldest due message has waited "
                        + "2500 ms, more than rebound.channel.outbox.max-lag-ms=2000")
                .containsEntry("backlog.orders", "lag not checked").containsEntry("backlog.orders.max-lag-ms", 0L);
        assertThat(readiness(limits, backlog("outbox", 3, 1_999)).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void the_limits_are_read_from_the_default_and_the_channels_properties() {
        Map<String, String> config = Map.of("rebound.health.max-lag-ms", "30000",
                "rebound.channel.outbox.max-lag-ms", " 5000 ", "rebound.channel.outbox.transport", "database");

        LagLimits limits = LagLimits.read(key -> Optional.ofNullable(config.get(key)), config.keySet());

        assertThat(limits.of("outbox")).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.of("orders")).isEqualTo(Duration.ofSeconds(30));
        assertThat(LagLimits.read(key -> Optional.empty(), List.of()).of("outbox")).isEqualTo(Duration.ofMinutes(1));
    }
}
