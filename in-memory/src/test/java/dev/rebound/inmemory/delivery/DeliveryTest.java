package dev.rebound.inmemory.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.inmemory.InMemoryChannels;
import dev.rebound.inmemory.testing.FakeInbound;
import dev.rebound.inmemory.testing.Transports;
import dev.rebound.inmemory.testing.Transports.Job;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Outcome;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private final FakeInbound inbound = new FakeInbound();
    private final Transport transport = Transports.create(Map.of("rebound.in-memory.max-deliveries", "3",
            "rebound.channel.small.capacity", "1"), null);
    private final QueueChannel jobs = transport.channel("jobs");
    private final QueueChannel small = transport.channel("small");

    @AfterEach
    void stop() {
        transport.stop();
    }

    @Test
    void an_enqueued_message_is_read_back_from_its_text_and_handled_once() {
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("a"), 0);

        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.runs).singleElement().satisfies(run -> {
            assertThat(run.envelope().message().payload()).isEqualTo(new Job("a"));
            assertThat(run.envelope().attempt()).isEqualTo(1);
            assertThat(run.envelope().handler()).isEqualTo("fake");
        });
        assertThat(transport.status()).extracting(ChannelStatus::state).containsOnly(ChannelStatus.State.CONSUMING);
    }

    @Test
    void a_delayed_message_waits_for_its_delay() {
        transport.start(inbound);
        long sent = System.nanoTime();
        jobs.enqueue(Transports.envelope("later"), 600);

        assertThat(InMemoryChannels.waiting("jobs")).singleElement()
                .satisfies(m -> assertThat(m.dueIn()).isPositive());
        await().atMost(Duration.ofSeconds(5)).until(() -> inbound.runs.size() == 1);
        assertThat((inbound.runs.get(0).nanos() - sent) / 1_000_000).isGreaterThanOrEqualTo(600);
    }

    @Test
    void a_forward_is_on_its_queue_before_the_original_leaves_and_runs_once_more() {
        inbound.failWith = envelope -> new Outcome.Forward("jobs", envelope.nextAttempt(), 200);
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("f"), 0);

        await().atMost(Duration.ofSeconds(5)).until(() -> inbound.runs.size() == 1);
        inbound.failWith = null;
        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.runs).extracting(run -> run.envelope().attempt()).containsExactly(1, 2);
    }

    @Test
    void a_forward_to_a_full_queue_is_kept_and_becomes_a_dead_letter_at_the_delivery_limit() {
        inbound.failWith = envelope -> new Outcome.Forward("small", envelope.nextAttempt(), 0);
        small.enqueue(Transports.envelope("filler"), 60_000);        // fills "small" for the whole test
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("stuck"), 0);

        await().atMost(Duration.ofSeconds(10)).until(() -> inbound.delivered.size() == 1);
        assertThat(inbound.runs(new Job("stuck"))).isEqualTo(1);      // the handler never ran again
        assertThat(inbound.delivered.get(0).channel()).contains("REBOUND-3070", "taken 3 times");
        await().atMost(Duration.ofSeconds(5)).until(() -> InMemoryChannels.depth("jobs") == 0);
        assertThat(InMemoryChannels.waiting("small")).hasSize(1);
    }

    @Test
    void a_dead_letter_that_cannot_be_stored_is_tried_again_without_running_the_handler() {
        inbound.failWith = envelope -> new Outcome.Deliver("dead-letter", null);
        inbound.deliverFails = new IllegalStateException("store down");
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("d"), 0);

        await().atMost(Duration.ofSeconds(5)).until(() -> transport.status().stream()
                .anyMatch(s -> s.state() == ChannelStatus.State.RECONNECTING));
        inbound.deliverFails = null;
        InMemoryChannels.awaitIdle(Duration.ofSeconds(10));
        assertThat(inbound.delivered).hasSize(1);
        assertThat(inbound.runs(new Job("d"))).isEqualTo(1);
        List<ChannelStatus.State> states = transport.status().stream().map(ChannelStatus::state).toList();
        assertThat(states).containsOnly(ChannelStatus.State.CONSUMING);
    }
}
