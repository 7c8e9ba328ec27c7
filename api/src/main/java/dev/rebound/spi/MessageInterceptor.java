package dev.rebound.spi;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.Message;
import java.time.Instant;
import java.util.List;

/**
 * Takes part in the path of every message: before it is sent to a queue, around every handler call, and when a
 * failure is retried, dead-lettered, replayed or handed to a consumer's final strategy. Every CDI bean of this type
 * takes part; they are found once, when the first message is handled, and all methods do nothing by default. This is
 * where tracing, metrics or a deduplication check go. {@link MessageObserver}s are heard through one such
 * interceptor, innermost.
 *
 * <p><b>Ordering.</b> By the {@code jakarta.annotation.Priority} on the bean class, ascending (as for CDI
 * interceptors): the smallest priority is outermost around a handler call, and is called first for
 * {@link #beforeSend} and the events. A bean without {@code @Priority} has {@link #DEFAULT_PRIORITY}; ties are
 * broken by class name, so the order is stable.
 *
 * <p><b>Threads.</b> Every method is called on the thread that handles (or sends) the message: {@link #aroundHandle}
 * inside the handler's transaction, {@link #beforeSend} in the sender's, the events in the transaction of the
 * failed work's aftermath (or none). Implementations must be thread-safe and fast, and must not block.
 *
 * <p><b>Failures.</b> An exception of {@link #aroundHandle} (before or after {@code proceed()}) is the handler's
 * failure: it is retried, routed and dead-lettered like one. An exception of {@link #beforeSend} fails the send:
 * nothing is sent and the sender gets the exception (a message must not leave without what an interceptor adds to
 * it). An exception of an event method ({@link #retried}, {@link #deadLettered}, {@link #replayed},
 * {@link #relayed}, {@link #finalStrategy}) or of {@link #deadLettering} is logged ({@code REBOUND-4004}) and ignored: it never
 * changes what happens to the message.
 *
 * <p>A {@code channel} is the asynchronous channel of the handler (or the queue a message goes to), {@code null}
 * for a handler run synchronously by its entry point; a {@code handler} is its id ({@code Class#method}),
 * {@code null} when none was reached.
 */
public interface MessageInterceptor {

    /** The priority of an interceptor bean without {@code @Priority}. */
    int DEFAULT_PRIORITY = 1000;

    /** Where a handler call comes from. */
    enum Entry {
        /** a gateway or bus call, in the caller's thread */
        GATEWAY,
        /** a message taken off a queue, handled in a transaction of its own */
        CONSUMER,
        /** a message taken off a queue, handled in the transport's open unit (receive, handler, acknowledge) */
        UNIT,
        /** a dead letter replayed */
        REPLAY,
        /** a message sent to an internal channel, in the sender's thread */
        INTERNAL
    }

    /** A handler call on its way: what is called, and the call itself. Valid only during {@link #aroundHandle}. */
    interface Invocation {

        /** The message the handler gets. */
        Message message();

        /** The handler's id ({@code Class#method}). */
        String handler();

        /** The handler's asynchronous channel, {@code null} for a synchronous handler. */
        String channel();

        /** Where the call comes from. */
        Entry entry();

        /**
         * The name of the transport that carries {@link #channel()} ({@link TransportFactory#name()}: {@code jms},
         * {@code in-memory}), also for a replay of its dead letter; {@code null} for a synchronous handler.
         */
        default String transport() {
            return null;
        }

        /**
         * The attempt: 1 first, then counting instant and delayed retries and replays ({@link dev.rebound.Attempt}).
         */
        int attempt();

        /**
         * Calls the next interceptor, or the handler; must be called once (an interceptor that does not call it
         * fails the call: the handler would silently not run).
         *
         * @return the handler's result
         * @throws Throwable what the handler (or an inner interceptor) threw
         */
        Object proceed() throws Throwable;
    }

    /**
     * Before a message is put on a queue (the first send of an asynchronous handler's message, a queue error
     * channel, a delayed retry): returns the message to send, e.g. the same payload with headers whose metadata
     * has an entry more (trace context). The message's id must stay: it is how a redelivery is recognised.
     *
     * @param channel the queue it goes to
     */
    default Message beforeSend(String channel, Message message) {
        return message;
    }

    /**
     * {@link #beforeSend(String, Message)} told the transport that carries the queue: this is what Rebound calls;
     * by default it calls the other, so an interceptor overrides the one it needs.
     *
     * @param transport the name of the queue's transport ({@link TransportFactory#name()}: {@code jms},
     *                  {@code in-memory}), {@code null} if unknown
     */
    default Message beforeSend(String channel, String transport, Message message) {
        return beforeSend(channel, message);
    }

    /** Around a handler call: may open a scope around {@code invocation.proceed()}, which it must call. */
    default Object aroundHandle(Invocation invocation) throws Throwable {
        return invocation.proceed();
    }

    /** A failed message is tried again: at once ({@code @InstantRetry}), or later on its queue. */
    default void retried(Message message, String channel, String handler, MessageObserver.Retry retry) {
    }

    /**
     * Before a failed message is stored as a dead letter: returns the message to store, e.g. with a metadata entry
     * more (the context of the attempt that failed last, which {@link #beforeSend} did not see). The message's id
     * must stay. Called once per dead letter, in the order of {@link #beforeSend}, on the thread that failed; not
     * for a message that could not be read off its queue, nor for a failed replay (the stored headers are kept). An
     * exception, a {@code null} or a message of another id is logged ({@code REBOUND-4004}, {@code REBOUND-1090})
     * and the message is stored as it was: a dead letter is never lost to an interceptor.
     */
    default Message deadLettering(Message message, String channel, String handler) {
        return message;
    }

    /**
     * A failed message was stored as a dead letter (again, for a failed replay).
     *
     * @param message the failed message, {@code null} for a message that could not be read off its queue
     */
    default void deadLettered(Message message, String channel, String handler) {
    }

    /**
     * A dead letter was replayed: {@code handled} tells whether it succeeded (and was removed).
     *
     * @param message the replayed message, {@code null} when its stored body could not be read
     */
    default void replayed(Message message, String channel, String handler, boolean handled) {
    }

    /**
     * What a relay (an outbox's rows handed to their target queue, {@code rebound.channel.<c>.relay-to}) handed on in
     * one unit of work.
     *
     * @param channel the relaying channel (the outbox)
     * @param target the channel the messages went to
     * @param transport the name of the target's transport ({@link TransportFactory#name()}), {@code null} if unknown
     * @param messages the messages handed to the target, in order, as the target got them
     * @param started when the first of them was handed on
     * @param committed whether the unit committed (else it rolled back, and the rows are relayed again later)
     */
    record Relayed(String channel, String target, String transport, List<Message> messages, Instant started,
                   boolean committed) {

        public Relayed {
            messages = List.copyOf(messages);
        }
    }

    /**
     * A relay's unit of work ended ({@link TransportContext#relayed}): called once per unit, after its commit or
     * rollback, on the relay's thread.
     */
    default void relayed(Relayed batch) {
    }

    /**
     * A failed message of a consumer has nowhere else to go and gets the consumer's final strategy. Fired when
     * Rebound decides it, before the transport carries it out in its unit of work (which may still fail and leave
     * the message on its queue).
     */
    default void finalStrategy(Message message, String channel, String handler, FinalFailureStrategy strategy,
                               Throwable failure) {
    }
}
