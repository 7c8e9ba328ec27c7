package dev.rebound.database;

import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failures in a row of one consumer or relay thread: each is logged (the first with its stack trace, the repeats
 * as one line) and paused on, longer each time ({@code rebound.database.failure-pause-ms}, doubling up to a minute),
 * so that a database or broker that stays down never makes a hot loop. Not thread-safe: one per thread.
 */
final class Backoff {

    private final Logger log;
    private final long firstPauseMs;
    private final BooleanSupplier running;
    private int inARow;

    Backoff(Logger log, long firstPauseMs, BooleanSupplier running) {
        this.log = log;
        this.firstPauseMs = firstPauseMs;
        this.running = running;
    }

    /** Whether the last turn went through. */
    boolean clear() {
        return inARow == 0;
    }

    void reset() {
        inARow = 0;
    }

    /** Logs the failure and pauses. */
    void failed(String what, Throwable failure) {
        inARow++;
        if (inARow == 1) {
            log.log(Level.WARNING, what, failure);
        } else {
            log.log(Level.WARNING, DatabaseDiagnostics.failingAgain(what, inARow, failure));
        }
        pause(DatabaseSettings.growing(firstPauseMs, inARow));
    }

    /** Sleeps, but returns as soon as the thread's group stops. */
    void pause(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (running.getAsBoolean()) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.min(left, 100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
