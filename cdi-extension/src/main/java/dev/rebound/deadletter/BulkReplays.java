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
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replays many dead letters in the background. The set is fixed when the replay is requested: the filter is
 * cut off at that instant and walked oldest first with a keyset cursor, so messages that fail later are not
 * included and a message that fails again during the replay is not met twice. Paced to a rate so that a
 * backlog does not flood the handlers. Progress lives in this process (the most recent replays are kept).
 * Thread-safe.
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

    /**
     * @param replay replays one dead letter: true if handled, false if it failed again; throws
     *        {@link DeadLetterNotFoundException} if it is gone
     */
    BulkReplays(Source source, Predicate<UUID> replay, Supplier<Executor> executor, Clock clock, Pause pause) {
        this.source = source;
        this.replay = replay;
        this.executor = executor;
        this.clock = clock;
        this.pause = pause;
    }

    BulkReplay start(DeadLetterFilter filter, ReplayOptions options) {
        Instant now = clock.instant();
        DeadLetterFilter snapshot = filter.upTo(now);
        Job job = new Job(UUID.randomUUID(), snapshot, options, source.count(snapshot), now);
        synchronized (jobs) {
            jobs.put(job.id, job);
            jobs.keySet().removeIf(id -> jobs.size() > KEPT && jobs.get(id).state.finished());
        }
        executor.get().execute(job);
        return job.snapshot();
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
        final DeadLetterFilter snapshot;
        final ReplayOptions options;
        final long total;
        final Instant startedAt;
        volatile BulkReplay.State state = BulkReplay.State.RUNNING;
        volatile boolean cancelled;
        volatile long handled;
        volatile long failed;
        volatile long skipped;
        volatile Instant finishedAt;
        volatile String error;

        Job(UUID id, DeadLetterFilter snapshot, ReplayOptions options, long total, Instant startedAt) {
            this.id = id;
            this.snapshot = snapshot;
            this.options = options;
            this.total = total;
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
                        Result result = replayOne(record.messageId());
                        if (canaryPending && result == Result.FAILED) {
                            error = Diagnostics.canaryFailed(id, record.messageId());
                            LOG.warning(error);
                            finish(BulkReplay.State.CANARY_FAILED);
                            return;
                        }
                        canaryPending &= result == Result.GONE;
                        cursor = new DeadLetterCursor(record.failedAt(), record.messageId());
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

        private Result replayOne(UUID messageId) {
            try {
                if (replay.test(messageId)) {
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
            finishedAt = clock.instant();
            state = end;
        }
    }

    private enum Result {
        HANDLED, FAILED, GONE
    }
}
