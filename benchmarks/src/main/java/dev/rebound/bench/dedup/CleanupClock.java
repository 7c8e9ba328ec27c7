package dev.rebound.bench.dedup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The cleanup suite's application clock (Rebound times its keys and its cleanup by an application's {@code Clock}
 * bean): real time moved back by {@link #shift}, so that the keys the suite inserts expire only when it says so,
 * after they have been vacuumed and checkpointed like week-old keys; the fill's own cost is then not counted as the
 * cleanup's.
 */
final class CleanupClock extends Clock {

    static final CleanupClock INSTANCE = new CleanupClock();

    private volatile long shiftMs;

    private CleanupClock() {
    }

    /** From now on the application's time is real time minus {@code ms}. */
    void shift(long ms) {
        shiftMs = ms;
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() - shiftMs;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** The bean. */
    @ApplicationScoped
    public static class Producer {

        @Produces
        @Singleton
        Clock clock() {
            return INSTANCE;
        }
    }
}
