package dev.rebound.inmemory.testing;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.inmemory.InMemoryTransportFactory;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Transport;
import jakarta.transaction.TransactionManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory transports made as Rebound makes them, with short pauses for tests. */
public final class Transports {

    /** A payload of the tests. */
    public record Job(String id) {
    }

    private Transports() {
    }

    public static Transport create(Map<String, String> config, TransactionManager transactions) {
        Map<String, String> all = new HashMap<>(Map.of("rebound.in-memory.failure-pause-ms", "100",
                "rebound.in-memory.poll-ms", "50", "rebound.in-memory.shutdown-timeout-ms", "2000",
                "rebound.in-memory.resend-delay-ms", "100"));
        all.putAll(config);
        return new InMemoryTransportFactory().create(new FakeContext(all, transactions));
    }

    public static Envelope envelope(String id) {
        return new Envelope(new Message(new Job(id), MessageHeaders.first(Instant.now(), null, Map.of())), "fake",
                "COMMAND", 1, "test");
    }
}
