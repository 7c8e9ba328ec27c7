package dev.rebound.scenarios.operating;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import dev.rebound.spi.MessageObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

public final class Ops {
    private Ops() {
    }

    public record Ship(String orderId) {
    }

    public record Bill(String orderId) {
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    public interface OpsBus extends CommandBus {
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 1)
    public interface RetryingBus extends CommandBus {
    }

    /** Ships fail until healed; orders named "poison-..." always fail; bills fail in a place of their own. */
    @ApplicationScoped
    public static class Handlers {
        private final AtomicInteger shipped = new AtomicInteger();
        private volatile boolean failing = true;

        @CommandHandler
        public void ship(Ship command) {
            if (failing || command.orderId().startsWith("poison-")) {
                throw new IllegalStateException("carrier unavailable for " + command.orderId());
            }
            shipped.incrementAndGet();
        }

        @CommandHandler
        public void bill(Bill command) {
            throw new IllegalArgumentException("no account for " + command.orderId());
        }

        public void heal() {
            failing = false;
        }

        public void breakAgain() {
            failing = true;
        }

        public int shipped() {
            return shipped.get();
        }
    }

    /** Records every event as text. */
    @ApplicationScoped
    public static class RecordingObserver implements MessageObserver {
        private final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void handled(String channel, String handler, long nanos) {
            events.add("handled " + channel + " " + handler + (nanos > 0 ? "" : " no time"));
        }

        @Override
        public void failed(String channel, String handler, Throwable failure, long nanos) {
            events.add("failed " + channel + " " + handler + " " + failure.getClass().getSimpleName());
        }

        @Override
        public void retried(String channel, String handler, Retry retry) {
            events.add("retried " + channel + " " + handler + " " + retry);
        }

        @Override
        public void deadLettered(String channel, String handler) {
            events.add("deadLettered " + channel + " " + handler);
        }

        @Override
        public void replayed(String channel, String handler, boolean handled) {
            events.add("replayed " + channel + " " + handler + " " + handled);
        }

        public List<String> events() {
            return List.copyOf(events);
        }

        public void clear() {
            events.clear();
        }
    }

    /** An observer that always throws: it must not change what happens to messages. */
    @ApplicationScoped
    public static class BrokenObserver implements MessageObserver {
        @Override
        public void handled(String channel, String handler, long nanos) {
            throw new IllegalStateException("observer bug");
        }

        @Override
        public void deadLettered(String channel, String handler) {
            throw new IllegalStateException("observer bug");
        }
    }
}
