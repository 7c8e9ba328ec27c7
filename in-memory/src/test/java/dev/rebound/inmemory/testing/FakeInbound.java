package dev.rebound.inmemory.testing;

import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Rebound as the transport sees it, without Rebound: records what runs, what is delivered and what is poisoned;
 * the handler fails while {@link #failWith} is set, and the failure's outcome is what it returns.
 */
public final class FakeInbound implements Inbound {

    /** An envelope that ran, with when and whether inside the consumer's transaction. */
    public record Run(Envelope envelope, long nanos, boolean inUnit) {
    }

    /** A raw message kept as poison. */
    public record Poisoned(UUID id, String channel, String body, String reason) {
    }

    public final List<Run> runs = new CopyOnWriteArrayList<>();
    public final List<Outcome.Deliver> delivered = new CopyOnWriteArrayList<>();
    public final List<Poisoned> poisoned = new CopyOnWriteArrayList<>();
    public volatile Function<Envelope, Outcome> failWith;
    public volatile RuntimeException deliverFails;

    @Override
    public int concurrentConsumers(String channel) {
        return 2;
    }

    @Override
    public Attempt attempt(String channel, Envelope envelope) {
        return new Attempt() {
            @Override
            public void run() {
                handle(false);
            }

            @Override
            public void runInUnit() {
                handle(true);
            }

            private void handle(boolean inUnit) {
                runs.add(new Run(envelope, System.nanoTime(), inUnit));
                if (failWith != null) {
                    throw new IllegalStateException("handler of " + envelope.message().payload() + " failed");
                }
            }

            @Override
            public Outcome failed(Throwable failure) {
                return failWith.apply(envelope);
            }

            @Override
            public Outcome deadLetter(Throwable failure) {
                return new Outcome.Deliver("dead-letter: " + failure.getMessage(), null);
            }

            @Override
            public String handler() {
                return "fake";
            }
        };
    }

    @Override
    public void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction) {
        RuntimeException failure = deliverFails;
        if (failure != null) {
            throw failure;
        }
        delivered.add(deliver);
    }

    @Override
    public void poison(UUID id, String channel, String body, Map<String, String> properties, String reason) {
        poisoned.add(new Poisoned(id, channel, body, reason));
    }

    /** How often the handler ran for the payload. */
    public long runs(Object payload) {
        return runs.stream().filter(r -> r.envelope().message().payload().equals(payload)).count();
    }
}
