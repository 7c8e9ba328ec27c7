package dev.rebound.database;

import java.util.function.BooleanSupplier;

/**
 * Wakes the idle consumers of one channel: at once when a transaction of this process committed a row that is due
 * now, at its due time for a delayed one, and else after the poll interval (rows of other nodes). A consumer reads
 * {@link #generation()} before it looks for a row, so that a wake-up that comes while it looks is not lost.
 */
final class Wakeup {

    private long generation;
    private long earliestDue = Long.MAX_VALUE;

    /** A row of the channel is due at {@code dueAt} (epoch ms). */
    synchronized void due(long dueAt) {
        if (dueAt <= System.currentTimeMillis()) {
            generation++;
        } else if (dueAt < earliestDue) {
            earliestDue = dueAt;
        }
        notifyAll();
    }

    /** Wakes every waiting consumer (the channel stops). */
    synchronized void all() {
        generation++;
        notifyAll();
    }

    synchronized long generation() {
        return generation;
    }

    /**
     * Waits until a wake-up after {@code seen}, the earliest known due time or {@code pollMs}, whichever comes first,
     * or until {@code running} says false.
     */
    synchronized void await(long seen, long pollMs, BooleanSupplier running) throws InterruptedException {
        long deadline = System.currentTimeMillis() + pollMs;
        while (generation == seen && running.getAsBoolean()) {
            long now = System.currentTimeMillis();
            if (earliestDue <= now) {
                earliestDue = Long.MAX_VALUE;
                return;
            }
            long until = Math.min(deadline, earliestDue);
            if (until <= now) {
                return;
            }
            wait(until - now);
        }
    }
}
