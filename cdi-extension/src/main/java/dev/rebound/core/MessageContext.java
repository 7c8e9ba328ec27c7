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

    Message enter(Message message) {
        Message previous = current.get();
        current.set(message);
        return previous;
    }

    void leave(Message previous) {
        if (previous == null) {
            current.remove();
        } else {
            current.set(previous);
        }
    }

    /** Whether an entry point further up this thread's stack is retrying. */
    public boolean retrying() {
        return retrying.get() != null;
    }

    /** Marks this thread as retrying; returns false (and changes nothing) if it already was. */
    public boolean startRetrying() {
        if (retrying.get() != null) {
            return false;
        }
        retrying.set(Boolean.TRUE);
        return true;
    }

    public void stopRetrying() {
        retrying.remove();
    }

    public Clock clock() {
        return clock;
    }
}
