package dev.rebound.deadletter;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.ReplayOptions;
import dev.rebound.ReplayTarget;
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
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replays many dead letters in the background. The set is fixed when the replay is requested: the filter is
 * cut off at that instant and walked oldest first with a keyset cursor, so messages that fail later are not
 * included and a message that fails again during the replay is not met twice. The walk claims a batch at a time
 * ({@link Replayer#claim}: a lease in the store, so that bulk replays on other nodes, or of the same filter, take
 * other batches), replays the batch in one transaction and, if that fails, its messages one by one. Paced to a
 * rate, per node, so that a backlog does not flood the handlers. Progress lives in this process and names its node
 * (the most recent replays are kept). A second replay of the same filter while one runs here is refused: it would
 * only split the operator's figures. Owned by the application: {@link #stop} cancels the running replays and,
 * outside a server, ends the threads it started. Thread-safe.
 */
final class BulkReplays {

    private static final Logger LOG = Logger.getLogger(BulkReplays.class.getName());
    /** The most dead letters claimed and replayed together. */
    static final int BATCH = 100;
    private static final int KEPT = 50;

    /** Claims and replays dead letters, each call in transactions of its own. */
    interface Replayer {
        /** Claims the next batch after the cursor for {@code owner} (see {@code DeadLetterStore.claim}). */
        List<DeadLetterRecord> claim(DeadLetterFilter snapshot, DeadLetterCursor after, int limit, String owner);

        /**
         * Replays the claimed records, together in one transaction where they succeed (a failing one alone):
         * how many were handled, failed again and were gone, in that order.
         */
        long[] replayBatch(List<DeadLetterRecord> records, String owner, ReplayTarget target);

        /** Replays one claimed record in a transaction of its own. */
        Result replayOne(DeadLetterRecord record, String owner);

        long count(DeadLetterFilter snapshot);
    }

    /** Waits between messages; tests replace it. */
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final Replayer replayer;
    private final String node;
    private final Supplier<Executor> executor;
    private final Clock clock;
    private final Pause pause;
    private final Map<UUID, Job> jobs = new LinkedHashMap<>();
    /** Outside a server: the threads of this application's bulk replays, ended by {@link #stop}. */
    private ExecutorService own;
    private boolean stopped;

    /**
     * @param node this node's name, in each replay's progress and in its claims
     * @param executor the container's managed executor; {@code null} outside a server, where the replays get
     *        threads of their own that {@link #stop} ends
     */
    BulkReplays(Replayer replayer, String node, Supplier<Executor> executor, Clock clock, Pause pause) {
        this.replayer = replayer;
        this.node = node;
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
            job.total = replayer.count(snapshot);
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
                    finishedAt, error, node);
        }

        /**
         * Claims a batch, replays it together and, if that fails, one by one; the canary is a batch of one. A
         * batch is at most a tenth of a second's worth of the rate (1 to {@value BulkReplays#BATCH}), and after
         * each the replay waits until it is no ahead of its rate.
         */
        @Override
        public void run() {
            int batchSize = Math.max(1, Math.min(BATCH, options.ratePerSecond() / 10));
            long began = System.nanoTime();
            try {
                DeadLetterCursor cursor = null;
                boolean canaryPending = options.canary();
                int claims = 0;
                while (!cancelled) {
                    String owner = node + "/" + id + "/" + (++claims);
                    List<DeadLetterRecord> batch = replayer.claim(snapshot, cursor, canaryPending ? 1 : batchSize,
                            owner);
                    if (batch.isEmpty()) {
                        break;
                    }
                    DeadLetterRecord last = batch.get(batch.size() - 1);
                    cursor = new DeadLetterCursor(last.failedAt(), last.id());
                    if (!canaryPending) {
                        // a claimed batch is finished even when cancelled: its claim would hold it until the lease
                        // ends
                        long[] counts = replayer.replayBatch(batch, owner, options.target());
                        handled += counts[0];
                        failed += counts[1];
                        skipped += counts[2];
                    } else {
                        DeadLetterRecord record = batch.get(0);
                        Result result = count(replayer.replayOne(record, owner));
                        if (canaryPending && result == Result.FAILED) {
                            error = Diagnostics.canaryFailed(id, record.id());
                            LOG.warning(error);
                            finish(BulkReplay.State.CANARY_FAILED);
                            return;
                        }
                        canaryPending &= result == Result.GONE;
                    }
                    long due = began + (handled + failed + skipped) * 1_000_000_000L / options.ratePerSecond();
                    long wait = (due - System.nanoTime()) / 1_000_000;
                    if (wait > 0) {
                        pause.sleep(wait);
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

        private Result count(Result result) {
            switch (result) {
                case HANDLED -> handled++;
                case FAILED -> failed++;
                case GONE -> skipped++;
            }
            return result;
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

    enum Result {
        HANDLED, FAILED, GONE
    }
}
