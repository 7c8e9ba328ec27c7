package dev.rebound;

import java.time.Instant;
import java.util.UUID;

/**
 * The progress of a bulk replay, as it was when asked. A bulk replay takes the dead letters that match its
 * filter and had failed when it was requested ({@link #cutOff()}); messages that fail later are not part of
 * it, nor are messages that fail again during it replayed twice.
 *
 * @param id the replay's id
 * @param filter what it replays (its {@code to} is the cut-off)
 * @param options its rate and canary setting
 * @param state where it is
 * @param total how many dead letters matched when it started
 * @param handled how many were replayed and handled (and removed)
 * @param failed how many failed again (and stay, with the new failure recorded)
 * @param skipped how many were gone by the time their turn came (deleted or replayed by someone else)
 * @param startedAt when it was requested
 * @param finishedAt when it ended, or {@code null} while running
 * @param error why it ended early, or {@code null}
 * @param node the node (process) that runs it ({@code rebound.node}, by default the JVM's {@code pid@host}): the
 *        progress is this node's; several nodes replaying the same dead letters each report their own share
 *        ({@code total} is what matched on every node when this one started)
 */
public record BulkReplay(UUID id, DeadLetterFilter filter, ReplayOptions options, State state, long total,
                         long handled, long failed, long skipped, Instant startedAt, Instant finishedAt,
                         String error, String node) {

    /** A bulk replay without a node name (as before nodes were named). */
    public BulkReplay(UUID id, DeadLetterFilter filter, ReplayOptions options, State state, long total,
                      long handled, long failed, long skipped, Instant startedAt, Instant finishedAt, String error) {
        this(id, filter, options, state, total, handled, failed, skipped, startedAt, finishedAt, error, null);
    }

    /** Where a bulk replay is. */
    public enum State {
        RUNNING, COMPLETED, CANCELLED, CANARY_FAILED, FAILED;

        public boolean finished() {
            return this != RUNNING;
        }
    }

    /** The snapshot cut-off: only messages whose first failure is at or before it are replayed. */
    public Instant cutOff() {
        return filter.to();
    }

    /** How many have had their turn. */
    public long done() {
        return handled + failed + skipped;
    }
}
