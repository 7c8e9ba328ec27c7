package dev.rebound.inmemory.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.inmemory.InMemoryChannels;
import dev.rebound.inmemory.testing.FakeInbound;
import dev.rebound.inmemory.testing.Transports;
import dev.rebound.inmemory.testing.Transports.Job;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Outcome;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FinalStrategyTest {

    private final FakeInbound inbound = new FakeInbound();
    private final Transport transport = Transports.create(Map.of("rebound.in-memory.max-deliveries", "3",
            "rebound.in-memory.max-resends", "2"), null);
    private final QueueChannel jobs = transport.channel("jobs");

    @AfterEach
    void stop() {
        transport.stop();
    }

    private void finally_(FinalFailureStrategy strategy) {
        inbound.failWith = envelope -> new Outcome.Final(strategy, new IllegalStateException("secret text"),
                envelope.nextAttempt());
    }

    @Test
    void stop_keeps_the_message_stops_the_channel_and_a_start_consumes_it() {
        finally_(FinalFailureStrategy.STOP);
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("s"), 0);

        await().atMost(Duration.ofSeconds(5)).until(() -> transport.status().get(0).state()
                == ChannelStatus.State.STOPPED);
        ChannelStatus status = transport.status().get(0);
        assertThat(status.reason()).contains("IllegalStateException", "STOP").doesNotContain("secret text");
        assertThat(status.failure().code()).isEqualTo("REBOUND-3066");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() ->
                inbound.runs.size() == 1 && InMemoryChannels.depth("jobs") == 1);

        inbound.failWith = null;
        transport.start(inbound);
        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.runs(new Job("s"))).isEqualTo(2);
        assertThat(transport.status().get(0).state()).isEqualTo(ChannelStatus.State.CONSUMING);
    }

    @Test
    void release_gives_the_message_back_until_the_delivery_limit_makes_it_a_dead_letter() {
        finally_(FinalFailureStrategy.RELEASE);
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("r"), 0);

        await().atMost(Duration.ofSeconds(10)).until(() -> inbound.delivered.size() == 1);
        assertThat(inbound.runs(new Job("r"))).isEqualTo(2);          // the third delivery goes to the dead letter
        assertThat(inbound.delivered.get(0).channel()).contains("REBOUND-3070");
        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
    }

    @Test
    void ignore_drops_the_message() {
        finally_(FinalFailureStrategy.IGNORE);
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("i"), 0);

        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.runs).hasSize(1);
        assertThat(inbound.delivered).isEmpty();
    }

    @Test
    void resend_sends_the_next_attempt_back_with_a_growing_delay_then_the_dead_letter() {
        finally_(FinalFailureStrategy.RESEND);
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("again"), 0);

        await().atMost(Duration.ofSeconds(10)).until(() -> inbound.delivered.size() == 1);
        assertThat(inbound.runs).extracting(run -> run.envelope().attempt()).containsExactly(1, 2, 3);
        long first = (inbound.runs.get(1).nanos() - inbound.runs.get(0).nanos()) / 1_000_000;
        long second = (inbound.runs.get(2).nanos() - inbound.runs.get(1).nanos()) / 1_000_000;
        assertThat(first).isGreaterThanOrEqualTo(100);
        assertThat(second).isGreaterThanOrEqualTo(200);
        assertThat(inbound.delivered.get(0).channel()).contains("REBOUND-3065", "re-sent 2 times");
        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
    }
}
