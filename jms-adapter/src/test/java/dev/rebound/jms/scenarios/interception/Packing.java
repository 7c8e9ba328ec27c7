package dev.rebound.jms.scenarios.interception;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.MessageObserver;
import dev.rebound.FinalFailureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An asynchronous handler with one delayed retry, and an interceptor that stamps and writes down what it sees. */
public final class Packing {

    private Packing() {
    }

    /** Fails its first {@code failures} attempts. */
    public record Pack(String id, int failures) {
    }

    @ApplicationScoped
    public static class Packer {
        private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

        @Asynchronous("packing")
        @DelayedRetry(initialDelayMs = 100, maxRetries = 1)
        @CommandHandler
        public void pack(Pack pack, @dev.rebound.Header("trace") String trace) {
            Tracer.events.add("handler " + pack.id() + " trace " + trace);
            if (calls.computeIfAbsent(pack.id(), k -> new AtomicInteger()).incrementAndGet() <= pack.failures()) {
                throw new IllegalStateException("tape ran out packing " + pack.id());
            }
        }
    }

    /** Puts a trace id on every message sent to a queue, as a tracing interceptor would. */
    @ApplicationScoped
    public static class Tracer implements MessageInterceptor {
        static final List<String> events = new CopyOnWriteArrayList<>();
        private final AtomicInteger traces = new AtomicInteger();

        @Override
        public Message beforeSend(String channel, String transport, Message message) {
            String trace = "t-" + traces.incrementAndGet();
            events.add("send " + channel + " on " + transport + " " + trace);
            MessageHeaders h = message.headers();
            Map<String, String> metadata = new HashMap<>(h.metadata());
            metadata.put("trace", trace);
            return new Message(message.payload(), new MessageHeaders(h.messageId(), h.correlationId(),
                    h.causationId(), h.timestamp(), h.routingKey(), metadata));
        }

        @Override
        public Object aroundHandle(Invocation invocation) throws Throwable {
            events.add("handle " + invocation.entry() + " " + invocation.channel() + " on " + invocation.transport()
                    + " attempt "
                    + invocation.attempt() + " trace " + invocation.message().headers().get("trace"));
            return invocation.proceed();
        }

        @Override
        public void retried(Message message, String channel, String handler, MessageObserver.Retry retry) {
            events.add("retried " + retry + " " + channel);
        }

        @Override
        public void finalStrategy(Message message, String channel, String handler, FinalFailureStrategy strategy,
                                  Throwable failure) {
            events.add("final " + strategy + " " + channel + " " + failure.getMessage());
        }
    }
}
