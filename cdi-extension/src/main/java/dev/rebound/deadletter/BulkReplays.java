package dev.rebound.deadletter;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.ReplayOptions;
import dev.rebound.core.Diagnostics;
import dev.rebound.spi.DeadLetterRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replays many dead letters in the background. The set is fixed when the replay is requested: the filter is
 * cut off at that instant and walked oldest first with a keyset cursor, so messages that fail later are not
 * included and a message that fails again during the replay is not met twice. Paced to a rate so that a
 * backlog does not flood the handlers. Progress lives in this process (the most recent replays are kept). A
 * second replay of the same filter while one runs is refused: it would only meet the same entries (each is
 * claimed by one replay, so nothing runs twice, but the operator's figures would be split between the two).
 * Owned by the application: {@link #stop} cancels the running replays and, outside a server, ends the threads it
 * started. Thread-safe.
 */
final class BulkReplays {

    private static final Logger LOG = Logger.getLogger(BulkReplays.class.getName());
    private static final int BATCH = 100;
    private static final int KEPT = 50;

    /** Reads a batch of records after a cursor, in a transaction. */
    interface Source {
        List<DeadLetterRecord> next(DeadLetterFilter snapshot, DeadLetterCursor after, int limit);

        long count(DeadLetterFilter snapshot);
    }

    /** Waits between messages; tests replace it. */
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final Source source;
    private final Predicate<UUID> replay;
    private final Supplier<Executor> executor;
    private final Clock clock;
    private final Pause pause;
    private final Map<UUID, Job> jobs = new LinkedHashMap<>();
    /** Outside a server: the threads of this application's bulk replays, ended by {@link #stop}. */
    private ExecutorService own;
    private boolean stopped;

    /**
     * @param replay replays one dead letter: true if handled, false if it failed again; throws
     *        {@link DeadLetterNotFoundException} if it is gone
     * @param executor the container's managed executor; {@code null} outside a server, where the replays get
     *        threads of their own that {@link #stop} ends
     */
    BulkReplays(Source source, Predicate<UUID> replay, Supplier<Executor> executor, Clock clock, Pause pause) {
        this.source = source;
        this.replay = replay;
        this.executor = executor;
        this.clock = clock;
        this.pause = pause;
    }

    /** @throws IllegalStateException if a replay of the same filter is running, or the application stops */
    BulkReplay start(DeadLetterFilter filter, ReplayOptions options) {
        Instant now = clock.instant();
        DeadLetterFilter snapshot = filter.upTo(now);
        Job job = new Job(UUID.randomUUID(), filter, snapshot, options, now);
        Executor runner;
        synchronized (jobs) {
            for (Job other : jobs.values()) {
                if (!other.state.finished() && other.requested.equals(filter)) {
                    throw new IllegalStateException(Diagnostics.bulkReplayRunning(other.id, filter));
                }
            }
            if (stopped) {
                throw new IllegalStateException(Diagnostics.bulkReplayStopped(job.id));
            }
            jobs.put(job.id, job);
            jobs.keySet().removeIf(id -> jobs.size() > KEPT && jobs.get(id).state.finished());
            runner = runner();
        }
        try {
            job.total = source.count(snapshot);
            runner.execute(job);
        } catch (RuntimeException | Error e) {
            job.error = Diagnostics.bulkReplayFailed(job.id, e);
            job.finish(BulkReplay.State.FAILED);
            throw e;
        }
        return job.snapshot();
    }

    /** Under the lock of {@link #jobs}. */
    private Executor runner() {
        Executor managed = executor.get();
        if (managed != null) {
            return managed;
        }
        if (own == null) {
            own = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "rebound-bulk-replay");
                // daemon as well, so that an application that never stops its container can still exit
                thread.setDaemon(true);
                return thread;
            });
        }
        return own;
    }

    /**
     * Cancels the running replays and waits, at most {@code timeoutMillis}, for each to end after the message in
     * hand; then ends the threads this object started (interrupting a replay that still runs: its transaction
     * rolls back and its dead letter stays). Later {@link #start}s are refused.
     */
    void stop(long timeoutMillis) {
        List<Job> running;
        ExecutorService threads;
        synchronized (jobs) {
            stopped = true;
            running = jobs.values().stream().filter(job -> job.cancel()).toList();
            threads = own;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        for (Job job : running) {
            LOG.info(Diagnostics.bulkReplayStopped(job.id));
            try {
                job.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Optional<BulkReplay> find(UUID id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).map(Job::snapshot);
        }
    }

    List<BulkReplay> all() {
        synchronized (jobs) {
            return jobs.values().stream().map(Job::snapshot)
                    .sorted(Comparator.comparing(BulkReplay::startedAt).reversed()).toList();
        }
    }

    boolean cancel(UUID id) {
        synchronized (jobs) {
            Job job = jobs.get(id);
            return job != null && job.cancel();
        }
    }

    private final class Job implements Runnable {
        final UUID id;
        final DeadLetterFilter requested;
        final DeadLetterFilter snapshot;
        final ReplayOptions options;
        final Instant startedAt;
        final CountDownLatch done = new CountDownLatch(1);
        volatile long total;
        volatile BulkReplay.State state = BulkReplay.State.RUNNING;
        volatile boolean cancelled;
        volatile long handled;
        volatile long failed;
        volatile long skipped;
        volatile Instant finishedAt;
        volatile String error;

        Job(UUID id, DeadLetterFilter requested, DeadLetterFilter snapshot, ReplayOptions options,
            Instant startedAt) {
            this.id = id;
            this.requested = requested;
            this.snapshot = snapshot;
            this.options = options;
            this.startedAt = startedAt;
        }

        synchronized boolean cancel() {
            boolean running = !state.finished();
            cancelled = true;
            return running;
        }

        BulkReplay snapshot() {
            return new BulkReplay(id, snapshot, options, state, total, handled, failed, skipped, startedAt,
                    finishedAt, error);
        }

        @Override
        public void run() {
            long interval = 1_000 / options.ratePerSecond();
            try {
                DeadLetterCursor cursor = null;
                boolean canaryPending = options.canary();
                while (!cancelled) {
                    List<DeadLetterRecord> batch = source.next(snapshot, cursor, BATCH);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (DeadLetterRecord record : batch) {
                        if (cancelled) {
                            break;
                        }
                        Result result = replayOne(record.id());
                        if (canaryPending && result == Result.FAILED) {
                            error = Diagnostics.canaryFailed(id, record.id());
                            LOG.warning(error);
                            finish(BulkReplay.State.CANARY_FAILED);
                            return;
                        }
                        canaryPending &= result == Result.GONE;
                        cursor = new DeadLetterCursor(record.failedAt(), record.id());
                        pause.sleep(interval);
                    }
                }
                finish(cancelled ? BulkReplay.State.CANCELLED : BulkReplay.State.COMPLETED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = Diagnostics.bulkReplayFailed(id, e);
                finish(BulkReplay.State.CANCELLED);
            } catch (RuntimeException | Error e) {
                error = Diagnostics.bulkReplayFailed(id, e);
                LOG.log(Level.WARNING, error, e);
                finish(BulkReplay.State.FAILED);
            }
        }

        private Result replayOne(UUID deadLetterId) {
            try {
                if (replay.test(deadLetterId)) {
                    handled++;
                    return Result.HANDLED;
                }
                failed++;
                return Result.FAILED;
            } catch (DeadLetterNotFoundException replayedOrDeletedMeanwhile) {
                skipped++;
                return Result.GONE;
            }
        }

        private synchronized void finish(BulkReplay.State end) {
            if (state.finished()) {
                return;
            }
            finishedAt = clock.instant();
            state = end;
            done.countDown();
        }
    }

    private enum Result {
        HANDLED, FAILED, GONE
    }
}
