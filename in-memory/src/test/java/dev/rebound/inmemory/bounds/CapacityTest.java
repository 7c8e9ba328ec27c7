package dev.rebound.inmemory.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.inmemory.InMemoryChannels;
import dev.rebound.inmemory.InMemoryTransportFactory;
import dev.rebound.inmemory.testing.FakeContext;
import dev.rebound.inmemory.testing.FakeInbound;
import dev.rebound.inmemory.testing.Transports;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void a_full_channel_refuses_the_send_at_once_and_takes_messages_again_once_consumed() {
        Transport transport = Transports.create(Map.of("rebound.in-memory.capacity", "2"), null);
        QueueChannel jobs = transport.channel("jobs");
        jobs.enqueue(Transports.envelope("1"), 0);
        jobs.enqueue(Transports.envelope("2"), 0);

        assertThatThrownBy(() -> jobs.enqueue(Transports.envelope("3"), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REBOUND-3060").hasMessageContaining("jobs is full (2 messages");

        transport.start(new FakeInbound());
        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        transport.stop();
        jobs.enqueue(Transports.envelope("3"), 0);
        jobs.enqueue(Transports.envelope("4"), 0);
        assertThat(InMemoryChannels.depth("jobs")).isEqualTo(2);
    }

    @Test
    void a_capacity_below_one_fails_at_creation_naming_the_property() {
        assertThatThrownBy(() -> new InMemoryTransportFactory().create(new FakeContext(
                Map.of("rebound.in-memory.capacity", "0"), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REBOUND-2060").hasMessageContaining("rebound.in-memory.capacity=0");
    }
}
