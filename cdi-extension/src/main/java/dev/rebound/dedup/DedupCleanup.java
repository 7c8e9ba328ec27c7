package dev.rebound.dedup;

import dev.rebound.core.Diagnostics;
import dev.rebound.core.tx.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the keys older than the retention, on every node, in batches of {@link DedupStore#batch()} keys, each in
 * a short transaction of its own (a handler never waits behind millions of deletions, and nodes cleaning at once
 * take the rows in the same order, see {@link DedupDialect}). Runs every {@code interval} on one thread of the
 * container's thread factory (managed threads in a server); a run ends when a batch removes fewer keys than it
 * may, or after {@value #MAX_BATCHES} batches (the next run goes on). Stopped with the application.
 */
public final class DedupCleanup {

    private static final Logger LOG = Logger.getLogger(DedupCleanup.class.getName());

    /** Batches of one run at most, so that a run has an end. */
    static final int MAX_BATCHES = 1_000;

    /** The longest pause between two batches. */
    static final long MAX_PAUSE_MS = 5_000;

    private final DedupStore store;
    private final Transactions transactions;
    private final Supplier<Clock> clock;
    private final Duration retention;
    private final Duration interval;
    private final int dutyPercent;
    private ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    /**
     * @param dutyPercent the share of its time the cleanup may spend deleting (1 to 100): after a batch it pauses
     *        so that the batch's time is that share of batch and pause together
     */
    public DedupCleanup(DedupStore store, Transactions transactions, Supplier<Clock> clock, Duration retention,
                        Duration interval, int dutyPercent) {
        if (dutyPercent < 1 || dutyPercent > 100) {
            throw new IllegalArgumentException("duty " + dutyPercent + " % is not from 1 to 100");
        }
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
        this.dutyPercent = dutyPercent;
    }

    public synchronized void start(ThreadFactory threads) {
        if (scheduler != null) {
            return;
        }
        stopping = false;
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        scheduler.scheduleWithFixedDelay(this::runLogged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (Throwable e) {
            LOG.log(Level.WARNING, Diagnostics.deduplicationCleanupFailed(e), e);
        }
    }

    /**
     * One run: removes expired keys batch after batch, each batch from the oldest key left on (a keyset cursor that
     * moves forward, so that a batch does not walk the index entries of the rows its predecessors deleted); how
     * many it removed. The cursor starts anew with each run: a row another node had locked and then kept (its
     * transaction rolled back) is behind it and is found by the next run.
     */
    public long runOnce() throws Throwable {
        long before = clock.get().millis() - retention.toMillis();
        long removed = 0;
        int batches = 0;
        long from = Long.MIN_VALUE;
        while (!stopping && batches < MAX_BATCHES) {
            long bound = from;
            long started = System.nanoTime();
            Batch batch = transactions.inNewTransaction(() -> {
                Long oldest = store.oldest(bound, before);
                return oldest == null ? null : new Batch(oldest, store.removeExpired(oldest, before));
            });
            if (batch == null) {
                break;
            }
            batches++;
            removed += batch.removed();
            from = batch.from();
            if (batch.removed() < store.batch()) {
                break;
            }
            pauseAfter(System.nanoTime() - started);
        }
        if (removed > 0) {
            LOG.fine(Diagnostics.deduplicationCleaned(removed, batches));
        }
        return removed;
    }

    /**
     * Between two batches the cleanup waits so that deleting takes its duty's share of the time (at 10 %, nine times
     * as long as the last batch took; at most {@value #MAX_PAUSE_MS} ms): it holds the table's locks and makes the
     * database write (the deletions' WAL, the vacuum and checkpoint work they cause later) a small part of the time,
     * so that handlers claiming keys meanwhile are neither queued behind back-to-back deletions nor slowed by their
     * I/O. A slower database (busy, or more rows per batch) makes the pauses longer by itself.
     */
    private void pauseAfter(long batchNanos) {
        long pauseMs = Math.min(MAX_PAUSE_MS, pauseMillis(batchNanos, dutyPercent));
        if (pauseMs > 0 && !stopping) {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /** The pause after a batch that took {@code batchNanos}, for deleting {@code dutyPercent} % of the time. */
    static long pauseMillis(long batchNanos, int dutyPercent) {
        return TimeUnit.NANOSECONDS.toMillis(batchNanos * (100 - dutyPercent) / dutyPercent);
    }

    /** One batch: where it started (the oldest claim time left) and how many keys it removed. */
    private record Batch(long from, int removed) {
    }
}
