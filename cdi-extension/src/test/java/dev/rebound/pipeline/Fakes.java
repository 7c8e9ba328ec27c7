package dev.rebound.pipeline;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.core.ArgumentResolver;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Delivery;
import dev.rebound.core.Failures;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.Route;
import dev.rebound.core.async.FailurePolicy;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.MessageChannel;
import dev.rebound.spi.QueueChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-made pieces for the step tests: a handler with a scripted body, channels that record. No container. */
final class Fakes {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Failures FAILURES = new Failures(CLOCK);

    private Fakes() {
    }

    /** What a fake handler does on each call: throws the next failure, or returns when none are left. */
    static class Script {
        final List<Throwable> failures = new ArrayList<>();
        final List<Object> calls = new CopyOnWriteArrayList<>();

        Script failing(Throwable... each) {
            failures.addAll(List.of(each));
            return this;
        }

        public Object run(Object payload) throws Throwable {
            calls.add(payload);
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return "done " + payload;
        }
    }

    static HandlerMethod handler(Script script, String asyncChannel, FailurePolicy policy) {
        try {
            return new HandlerMethod("Fakes#run", HandlerKind.COMMAND, null,
                    Script.class.getMethod("run", Object.class), () -> script,
                    new ArgumentResolver[] {ArgumentResolver.PAYLOAD}, asyncChannel, policy);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    static Message message(Object payload) {
        return new Message(payload, MessageHeaders.first(NOW.minusSeconds(60), null, Map.of()));
    }

    static Delivery delivery(Message message, HandlerMethod target, int attempts) {
        return new Delivery(message, new Route(HandlerKind.COMMAND, null), "Bus#send", target, attempts);
    }

    static Envelope envelope(Message message, int attempt, String origin) {
        return new Envelope(message, "Fakes#run", "COMMAND", attempt, origin);
    }

    /** A channel that keeps what it gets, or fails when told. */
    static final class Recording implements MessageChannel {
        final String name;
        final List<Message> received = new CopyOnWriteArrayList<>();
        RuntimeException failure;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(Message message) {
            if (failure != null) {
                throw failure;
            }
            received.add(message);
        }
    }

    /** A queue that keeps what is put on it, with the delay. */
    static final class Queue implements QueueChannel {
        final String name;
        final List<Envelope> envelopes = new CopyOnWriteArrayList<>();
        final List<Long> delays = new CopyOnWriteArrayList<>();

        Queue(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void enqueue(Envelope envelope, long delayMs) {
            envelopes.add(envelope);
            delays.add(delayMs);
        }
    }

    static ChannelRegistry channels(MessageChannel... all) {
        return new ChannelRegistry(List.of(all));
    }
}
