package dev.rebound.core;

import dev.rebound.spi.MessageObserver;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every {@link MessageObserver} what happened. The observers are found on first use (they are CDI beans,
 * which exist only after deployment); an observer that throws is logged and never changes the message's fate.
 * Thread-safe.
 */
public final class Observers {

    private static final Logger LOG = Logger.getLogger(Observers.class.getName());

    /** No observers: for wiring without a container. */
    public static final Observers NONE = new Observers(List::of);

    private final Supplier<List<MessageObserver>> observers;

    /** @param observers supplies the observers; asked on every event, so it should cache (see {@link Lazy}) */
    public Observers(Supplier<List<MessageObserver>> observers) {
        this.observers = observers;
    }

    public void handled(String channel, String handler, long nanos) {
        each(o -> o.handled(channel, handler, nanos));
    }

    public void failed(String channel, String handler, Throwable failure, long nanos) {
        each(o -> o.failed(channel, handler, failure, nanos));
    }

    public void retried(String channel, String handler, MessageObserver.Retry retry) {
        each(o -> o.retried(channel, handler, retry));
    }

    public void deadLettered(String channel, String handler) {
        each(o -> o.deadLettered(channel, handler));
    }

    public void replayed(String channel, String handler, boolean handled) {
        each(o -> o.replayed(channel, handler, handled));
    }

    private void each(Consumer<MessageObserver> event) {
        List<MessageObserver> all;
        try {
            all = observers.get();
        } catch (RuntimeException lookup) {
            LOG.log(Level.WARNING, Diagnostics.observerFailed("lookup", lookup), lookup);
            return;
        }
        for (MessageObserver observer : all) {
            try {
                event.accept(observer);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, Diagnostics.observerFailed(observer.getClass().getName(), e), e);
            }
        }
    }
}
