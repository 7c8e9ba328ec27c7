package dev.rebound.database.replay;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.DelayedRetry;
import dev.rebound.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Two asynchronous handlers of one event on one database channel: billing always works, tracking fails until healed. */
public final class Parcels {
    private Parcels() {
    }

    public record Shipped(String parcel) {
    }

    @ApplicationScoped
    public static class Billing {
        private final List<String> billed = new CopyOnWriteArrayList<>();

        @Asynchronous("parcels")
        @EventHandler
        public void bill(Shipped event) {
            billed.add(event.parcel());
        }

        public List<String> billed() {
            return billed;
        }
    }

    @ApplicationScoped
    public static class Tracking {
        private final List<String> tracked = new CopyOnWriteArrayList<>();
        private final List<String> threads = new CopyOnWriteArrayList<>();
        private volatile boolean failing = true;

        @Asynchronous("parcels")
        @DelayedRetry(initialDelayMs = 100, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
        @EventHandler
        public void track(Shipped event) {
            if (failing) {
                throw new IllegalStateException("tracking down for " + event.parcel());
            }
            tracked.add(event.parcel());
            threads.add(Thread.currentThread().getName());
        }

        public void heal() {
            failing = false;
        }

        public List<String> tracked() {
            return tracked;
        }

        /** The threads that ran the healed handler. */
        public List<String> threads() {
            return threads;
        }
    }
}
