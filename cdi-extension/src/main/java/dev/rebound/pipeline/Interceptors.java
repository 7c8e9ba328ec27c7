package dev.rebound.pipeline;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.Message;
import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.Lazy;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.MessageInterceptor.Entry;
import dev.rebound.spi.MessageObserver;
import dev.rebound.spi.QueueChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's {@link MessageInterceptor}s, in their order, with the {@link MessageObserver}s heard through
 * one more, innermost. Found once, on first use (they are CDI beans, which exist only after deployment); until the
 * interceptors can be found, a send or a handler call fails with the lookup's exception (an interceptor must not be
 * skipped silently), an event is logged without them. With none, a handler call is the bare call. Thread-safe.
 */
public final class Interceptors {

    private static final Logger LOG = Logger.getLogger(Interceptors.class.getName());

    /** No interceptors: for wiring without a container. */
    public static final Interceptors NONE = new Interceptors(List::of, List::of);

    private final Supplier<MessageInterceptor[]> all;
    private final Function<String, String> transports;
    /** The envelope with the ordering key of the channel it is sent to (per-key order), else as it is. */
    private final BiFunction<String, Envelope, Envelope> orderingKeys;

    /** Interceptors that are not told the channels' transports (for wiring without transports). */
    public Interceptors(Supplier<List<MessageInterceptor>> interceptors, Supplier<List<MessageObserver>> observers) {
        this(interceptors, observers, channel -> null);
    }

    /**
     * @param interceptors the interceptor beans, already in their order (see {@link MessageInterceptor})
     * @param observers the observer beans
     * @param transports the name of the transport of an asynchronous channel, {@code null} for others: a lookup in
     *                   what deployment chose, no configuration read
     */
    public Interceptors(Supplier<List<MessageInterceptor>> interceptors, Supplier<List<MessageObserver>> observers,
                        Function<String, String> transports) {
        this(interceptors, observers, transports, (channel, envelope) -> envelope);
    }

    /**
     * @param orderingKeys the envelope with the ordering key of the channel it is sent to, resolved at deployment
     *                     (rebound.channel.c.ordering-key), after the interceptors made its message
     */
    public Interceptors(Supplier<List<MessageInterceptor>> interceptors, Supplier<List<MessageObserver>> observers,
                        Function<String, String> transports, BiFunction<String, Envelope, Envelope> orderingKeys) {
        this.transports = transports;
        this.orderingKeys = orderingKeys;
        this.all = Lazy.of(() -> {
            List<MessageInterceptor> found = new ArrayList<>(interceptors.get());
            List<MessageObserver> heard;
            try {
                heard = observers.get();
            } catch (RuntimeException lookup) {
                // as before interceptors: observers that cannot be had are logged, and messages go on without them
                LOG.log(Level.WARNING, Diagnostics.observerFailed("lookup", lookup), lookup);
                heard = List.of();
            }
            if (!heard.isEmpty()) {
                found.add(new ObservingInterceptor(heard));
            }
            return found.toArray(MessageInterceptor[]::new);
        });
    }

    /**
     * Puts an envelope on a queue, its message as the interceptors make it.
     *
     * @throws RuntimeException an interceptor's or the queue's failure; nothing was sent then
     */
    public void enqueue(QueueChannel queue, Envelope envelope, long delayMs) {
        queue.enqueue(orderingKeys.apply(queue.name(), beforeSend(queue.name(), envelope)), delayMs);
    }

    /**
     * Puts envelopes on a queue at once, all or none where the transport can ({@link QueueChannel#enqueueAll}: one
     * XA branch of the caller's transaction stand-alone, rows of its database transaction), their messages as the
     * interceptors make them.
     *
     * @throws RuntimeException an interceptor's or the queue's failure; nothing was sent then (or, in a transaction,
     *                          nothing will be once it rolls back)
     */
    public void enqueueAll(QueueChannel queue, List<Envelope> envelopes) {
        List<Envelope> made = new ArrayList<>(envelopes.size());
        for (Envelope envelope : envelopes) {
            made.add(orderingKeys.apply(queue.name(), beforeSend(queue.name(), envelope)));
        }
        queue.enqueueAll(made);
    }

    /** The envelope as the interceptors make it before it is sent to {@code channel}. */
    public Envelope beforeSend(String channel, Envelope envelope) {
        MessageInterceptor[] each = all.get();
        if (each.length == 0) {
            return envelope;
        }
        Message message = envelope.message();
        String transport = transports.apply(channel);
        for (MessageInterceptor interceptor : each) {
            message = interceptor.beforeSend(channel, transport, message);
            if (message == null) {
                throw new IllegalStateException(Diagnostics.interceptorLostMessage(interceptor.getClass().getName(),
                        channel));
            }
        }
        return message == envelope.message() ? envelope
                : new Envelope(message, envelope.handler(), envelope.kind(), envelope.attempt(), envelope.origin());
    }

    /** Calls the handler with the delivery's message, the interceptors around it. */
    Object invoke(HandlerMethod handler, Delivery delivery, Entry entry) throws Throwable {
        MessageInterceptor[] each = all.get();
        if (each.length == 0) {
            return handler.invoke(delivery.message(), delivery.attempts(), entry == Entry.REPLAY);
        }
        Chain chain = new Chain(each, handler, delivery, entry, transports);
        Object result = chain.proceed();
        if (!chain.called) {
            throw new IllegalStateException(Diagnostics.interceptorSkippedHandler(
                    each[chain.skippedBy()].getClass().getName(), handler.id()));
        }
        return result;
    }

    /**
     * The failed message as the interceptors make it before it is stored as a dead letter. Never fails: an
     * interceptor that throws (logged, {@code REBOUND-4004}) or returns {@code null} or another message's id
     * ({@code REBOUND-1090}) is skipped, so that the dead letter is stored whatever an interceptor does.
     */
    public Message deadLettering(Message message, String channel, String handler) {
        Message stored = message;
        for (MessageInterceptor interceptor : all()) {
            try {
                Message made = interceptor.deadLettering(stored, channel, handler);
                if (made != null && made.headers().messageId().equals(message.headers().messageId())) {
                    stored = made;
                } else {
                    LOG.warning(Diagnostics.interceptorLostDeadLetter(interceptor.getClass().getName(),
                            message.headers().messageId(), handler));
                }
            } catch (RuntimeException | LinkageError e) {
                failed(interceptor, e);
            }
        }
        return stored;
    }

    public void retried(Message message, String channel, String handler, MessageObserver.Retry retry) {
        for (MessageInterceptor interceptor : all()) {
            try {
                interceptor.retried(message, channel, handler, retry);
            } catch (RuntimeException | LinkageError e) {
                failed(interceptor, e);
            }
        }
    }

    public void deadLettered(Message message, String channel, String handler) {
        for (MessageInterceptor interceptor : all()) {
            try {
                interceptor.deadLettered(message, channel, handler);
            } catch (RuntimeException | LinkageError e) {
                failed(interceptor, e);
            }
        }
    }

    public void replayed(Message message, String channel, String handler, boolean handled) {
        for (MessageInterceptor interceptor : all()) {
            try {
                interceptor.replayed(message, channel, handler, handled);
            } catch (RuntimeException | LinkageError e) {
                failed(interceptor, e);
            }
        }
    }

    public void relayed(MessageInterceptor.Relayed batch) {
        for (MessageInterceptor interceptor : all()) {
            try {
                interceptor.relayed(batch);
            } catch (RuntimeException | LinkageError e) {
                failed(interceptor, e);
            }
        }
    }

    /** Whether there is an interceptor to tell of events (a failed lookup counts as none). */
    boolean any() {
        return all().length > 0;
    }

    /** The transport of an asynchronous channel, {@code null} for others. */
    String transportOf(String channel) {
        return transports.apply(channel);
    }

    public void finalStrategy(Message message, String channel, String handler, FinalFailureStrategy strategy,
                              Throwable failure) {
        for (MessageInterceptor interceptor : all()) {
            try {
                interceptor.finalStrategy(message, channel, handler, strategy, failure);
            } catch (RuntimeException | LinkageError e) {
                failed(interceptor, e);
            }
        }
    }

    /** The interceptors for an event; a failed lookup is logged and heard as none. */
    private MessageInterceptor[] all() {
        try {
            return all.get();
        } catch (RuntimeException lookup) {
            LOG.log(Level.WARNING, Diagnostics.observerFailed("lookup", lookup), lookup);
            return new MessageInterceptor[0];
        }
    }

    static void failed(Object interceptor, Throwable e) {
        LOG.log(Level.WARNING, Diagnostics.observerFailed(interceptor.getClass().getName(), e), e);
    }

    /** One handler call through the interceptors: each {@code proceed()} goes one further in. */
    private static final class Chain implements MessageInterceptor.Invocation {

        private final MessageInterceptor[] each;
        private final HandlerMethod handler;
        private final Delivery delivery;
        private final Entry entry;
        private final Function<String, String> transports;
        private int next;
        private boolean called;

        Chain(MessageInterceptor[] each, HandlerMethod handler, Delivery delivery, Entry entry,
              Function<String, String> transports) {
            this.each = each;
            this.handler = handler;
            this.delivery = delivery;
            this.entry = entry;
            this.transports = transports;
        }

        @Override
        public Object proceed() throws Throwable {
            if (next < each.length) {
                return each[next++].aroundHandle(this);
            }
            if (called) {
                throw new IllegalStateException(Diagnostics.interceptorProceededTwice(handler.id()));
            }
            called = true;
            return handler.invoke(delivery.message(), delivery.attempts(), entry == Entry.REPLAY);
        }

        /** The interceptor that returned without calling {@code proceed()}: the innermost one reached. */
        int skippedBy() {
            return next - 1;
        }

        @Override
        public Message message() {
            return delivery.message();
        }

        @Override
        public String handler() {
            return handler.id();
        }

        @Override
        public String channel() {
            return handler.asyncChannel();
        }

        @Override
        public Entry entry() {
            return entry;
        }

        @Override
        public int attempt() {
            return delivery.attempts();
        }

        @Override
        public String transport() {
            String channel = handler.asyncChannel();
            return channel == null ? null : transports.apply(channel);
        }
    }
}
