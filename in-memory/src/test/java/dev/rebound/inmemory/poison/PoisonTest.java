package dev.rebound.inmemory.poison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.inmemory.InMemoryChannels;
import dev.rebound.inmemory.testing.FakeInbound;
import dev.rebound.inmemory.testing.Transports;
import dev.rebound.inmemory.testing.Transports.Job;
import dev.rebound.spi.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoisonTest {

    private final FakeInbound inbound = new FakeInbound();
    private final Transport transport = Transports.create(Map.of(), null);

    @AfterEach
    void stop() {
        transport.stop();
    }

    @Test
    void a_body_that_is_not_json_for_its_type_is_kept_as_poison_with_its_raw_text() {
        transport.channel("jobs");
        transport.start(inbound);
        UUID id = InMemoryChannels.sendRaw("jobs", Job.class.getName(), "{not json");

        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.poisoned).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(id);
            assertThat(p.channel()).isEqualTo("jobs");
            assertThat(p.body()).isEqualTo("{not json");
            assertThat(p.reason()).contains("unreadable");
        });
        assertThat(inbound.runs).isEmpty();
    }

    @Test
    void a_message_without_headers_is_kept_as_poison() {
        transport.channel("jobs");
        transport.start(inbound);
        InMemoryChannels.sendRaw("jobs", null, "hello");

        await().atMost(Duration.ofSeconds(5)).until(() -> inbound.poisoned.size() == 1);
        assertThat(inbound.poisoned.get(0).reason()).contains("REBOUND-3062", "no Rebound headers");
    }

    @Test
    void a_codec_that_fails_otherwise_than_promised_makes_a_poison_message_too() {
        transport.channel("jobs");
        transport.start(inbound);
        InMemoryChannels.sendRaw("jobs", "dev.rebound.inmemory.Explodes", "{}");

        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.poisoned).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("REBOUND-3062", "the codec broke"));
    }

    @Test
    void a_paused_channel_keeps_its_messages_and_consumes_them_after_a_start() {
        var jobs = transport.channel("jobs");
        transport.start(inbound);
        transport.stop();
        jobs.enqueue(Transports.envelope("p1"), 0);
        jobs.enqueue(Transports.envelope("p2"), 0);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() ->
                inbound.runs.isEmpty() && InMemoryChannels.depth("jobs") == 2);
        assertThat(transport.status().get(0).state()).hasToString("PAUSED");

        transport.start(inbound);
        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.runs).hasSize(2);
    }
}
