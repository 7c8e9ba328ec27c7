package dev.rebound.jms.scenarios.tracecontext;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.MessageInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A handler that keeps the metadata each parcel arrived with, and an interceptor that writes a W3C context. */
public final class Parcels {

    static final String CHANNEL = "parcels";
    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final String TRACESTATE = "rebound=t61rcWkgMzE";

    private Parcels() {
    }

    public record Parcel(String id) {
    }

    @ApplicationScoped
    public static class Handler {
        private final Map<String, Map<String, String>> received = new ConcurrentHashMap<>();

        @Asynchronous(CHANNEL)
        @CommandHandler
        public void deliver(Parcel parcel, Message message) {
            received.put(parcel.id(), message.headers().metadata());
        }

        Map<String, Map<String, String>> received() {
            return received;
        }
    }

    /** Puts a W3C trace context in the metadata of every message sent, as Rebound's tracing module does. */
    @ApplicationScoped
    public static class W3cContext implements MessageInterceptor {

        @Override
        public Message beforeSend(String channel, Message message) {
            MessageHeaders h = message.headers();
            Map<String, String> metadata = new HashMap<>(h.metadata());
            metadata.put("traceparent", TRACEPARENT);
            metadata.put("tracestate", TRACESTATE);
            return new Message(message.payload(), new MessageHeaders(h.messageId(), h.correlationId(),
                    h.causationId(), h.timestamp(), h.routingKey(), metadata));
        }
    }
}
