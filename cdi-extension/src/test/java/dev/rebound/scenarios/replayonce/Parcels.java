package dev.rebound.scenarios.replayonce;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public final class Parcels {
    private Parcels() {
    }

    public record Send(String parcel) {
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    public interface ParcelBus extends CommandBus {
    }

    /**
     * Fails until healed; then counts every run (the business effect a second replay would repeat), and, when
     * asked, holds the first healed run until released, so that a second replay overlaps it.
     */
    @ApplicationScoped
    public static class Courier {
        private final AtomicInteger runs = new AtomicInteger();
        private volatile boolean failing = true;
        private volatile CountDownLatch hold;

        @CommandHandler
        public void send(Send command) throws InterruptedException {
            if (failing) {
                throw new IllegalStateException("courier unavailable for " + command.parcel());
            }
            runs.incrementAndGet();
            CountDownLatch latch = hold;
            if (latch != null && !latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the held run");
            }
        }

        public void heal() {
            failing = false;
        }

        public void breakAgain() {
            failing = true;
        }

        /** Healed runs wait for {@link #release()}. */
        public void holdRuns() {
            hold = new CountDownLatch(1);
        }

        public void release() {
            hold.countDown();
        }

        public int runs() {
            return runs.get();
        }
    }
}
