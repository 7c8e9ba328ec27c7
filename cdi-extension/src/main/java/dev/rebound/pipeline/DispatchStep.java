package dev.rebound.pipeline;

import dev.rebound.Message;
import dev.rebound.NoHandlerException;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.MessageContext;
import dev.rebound.core.Pipeline;
import dev.rebound.core.Route;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.MessageInterceptor.Entry;
import java.util.List;
import java.util.Map;

/**
 * The innermost step: finds the handlers for a delivery and calls them, the interceptors around each call.
 * Commands and queries have one handler, events any number (called in order; the first failure stops the rest and
 * propagates). One per entry (it tells the interceptors where a call comes from); thread-safe.
 */
public final class DispatchStep implements Pipeline {

    private final HandlerRegistry registry;
    private final MessageContext context;
    private final ChannelRegistry channels;
    private final Interceptors interceptors;
    private final Entry entry;
    /** The claims of the {@code @Deduplicated} handlers, by identity; empty when there are none. */
    private final Map<HandlerMethod, DeduplicationStep> deduplicated;

    public DispatchStep(HandlerRegistry registry, MessageContext context, ChannelRegistry channels,
                        Interceptors interceptors, Entry entry) {
        this(registry, context, channels, interceptors, entry, Map.of());
    }

    public DispatchStep(HandlerRegistry registry, MessageContext context, ChannelRegistry channels,
                        Interceptors interceptors, Entry entry, Map<HandlerMethod, DeduplicationStep> deduplicated) {
        this.deduplicated = deduplicated;
        this.registry = registry;
        this.context = context;
        this.channels = channels;
        this.interceptors = interceptors;
        this.entry = entry;
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        Message message = delivery.message();
        if (delivery.target() != null) {
            return call(delivery.target(), delivery);
        }
        Route route = delivery.route();
        List<HandlerMethod> handlers = registry.resolve(route, message.payload().getClass());
        if (route.kind().single()) {
            if (handlers.isEmpty()) {
                throw new NoHandlerException(Diagnostics.noHandler(route.kind(), route.describe(message.payload())));
            }
            return call(handlers.get(0), delivery);
        }
        for (HandlerMethod handler : handlers) {
            call(handler, delivery);
        }
        return null;
    }

    /**
     * Runs the handler, or, for an asynchronous handler reached by routing, puts the message on its
     * channel's queue (one envelope per handler, so each handles and fails on its own) and returns null. A
     * {@code @Deduplicated} handler claims its key first, in the current transaction: a duplicate returns null
     * without calling the handler or its interceptors.
     */
    private Object call(HandlerMethod handler, Delivery delivery) throws Throwable {
        delivery.enter(handler);
        if (handler.asyncChannel() != null && delivery.target() == null) {
            interceptors.enqueue(channels.queue(handler.asyncChannel()), new Envelope(delivery.message(), handler.id(),
                    handler.kind().name(), 1, delivery.origin()), 0);
            return null;
        }
        if (!deduplicated.isEmpty()) {
            DeduplicationStep claim = deduplicated.get(handler);
            if (claim != null && !claim.claim(delivery)) {
                return null;
            }
        }
        Message previous = context.enter(delivery.message());
        try {
            return interceptors.invoke(handler, delivery, entry);
        } finally {
            context.leave(previous);
        }
    }
}
