package dev.rebound.core;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import java.time.Clock;
import java.util.Map;

/**
 * The message being handled on the current thread, so that messages sent from a handler carry its
 * correlation id and name it as their cause; and whether an entry point is retrying on this thread.
 * One instance per application.
 */
public final class MessageContext {

    private final ThreadLocal<Message> current = new ThreadLocal<>();
    private final ThreadLocal<Boolean> retrying = new ThreadLocal<>();
    private final Clock clock;

    public MessageContext(Clock clock) {
        this.clock = clock;
    }

    /** Headers for a new message: caused by the message being handled, if any. */
    public MessageHeaders newHeaders(String routingKey, Map<String, String> metadata) {
        Message cause = current.get();
        return cause == null ? MessageHeaders.first(clock.instant(), routingKey, metadata)
                : MessageHeaders.causedBy(cause.headers(), clock.instant(), routingKey, metadata);
    }

    public Message enter(Message message) {
        Message previous = current.get();
        current.set(message);
        return previous;
    }

    /**
     * Restores the previous message. Setting null rather than calling {@code remove()} keeps the thread's map
     * entry: {@code remove()} costs a native {@code Reference.clear} and makes the next {@code get()} allocate
     * a new entry, on every message. A null value holds nothing, so nothing leaks into pooled threads.
     */
    public void leave(Message previous) {
        current.set(previous);
    }

    /** Whether an entry point further up this thread's stack is retrying. */
    public boolean retrying() {
        return retrying.get() != null;
    }

    /** Marks this thread as retrying; the caller found {@link #retrying()} false (one thread-local read less). */
    public void markRetrying() {
        retrying.set(Boolean.TRUE);
    }

    /** Sets null rather than removing, for the reason given at {@link #leave}. */
    public void stopRetrying() {
        retrying.set(null);
    }

    public Clock clock() {
        return clock;
    }
}
