package dev.rebound.core;

import dev.rebound.Message;
import dev.rebound.NoHandlerException;
import dev.rebound.spi.Envelope;
import java.util.List;

/**
 * The innermost pipeline step: finds the handlers for a delivery and calls them. Commands and queries
 * have one handler, events any number (called in order; the first failure stops the rest and
 * propagates). Thread-safe.
 */
public final class Dispatcher implements Pipeline {

    private final HandlerRegistry registry;
    private final MessageContext context;
    private final ChannelRegistry channels;
    private final Observers observers;

    public Dispatcher(HandlerRegistry registry, MessageContext context, ChannelRegistry channels,
                      Observers observers) {
        this.registry = registry;
        this.context = context;
        this.channels = channels;
        this.observers = observers;
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
     * channel's queue (one envelope per handler, so each handles and fails on its own) and returns null.
     */
    private Object call(HandlerMethod handler, Delivery delivery) throws Throwable {
        delivery.enter(handler);
        if (handler.asyncChannel() != null && delivery.target() == null) {
            channels.queue(handler.asyncChannel()).enqueue(new Envelope(delivery.message(), handler.id(),
                    handler.kind().name(), 1, delivery.origin()), 0);
            return null;
        }
        Message previous = context.enter(delivery.message());
        long start = System.nanoTime();
        try {
            Object result = handler.invoke(delivery.message());
            observers.handled(handler.asyncChannel(), handler.id(), System.nanoTime() - start);
            return result;
        } catch (Throwable failure) {
            observers.failed(handler.asyncChannel(), handler.id(), failure, System.nanoTime() - start);
            throw failure;
        } finally {
            context.leave(previous);
        }
    }

    public HandlerRegistry registry() {
        return registry;
    }
}
