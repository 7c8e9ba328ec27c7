package dev.rebound;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reviews, replays and deletes the messages stored by the {@link Channels#DEAD_LETTER} channel.
 * Injectable; thread-safe. Each operation runs in its own transaction (the caller's is suspended).
 *
 * <p>There is one dead letter per failed (message, handler): when two handlers of one event fail, the event has
 * two dead letters, each replaying only its own handler. Operations take the dead letter's {@link DeadLetter#id()}
 * (the message id itself when no handler was reached); {@link DeadLetterFilter#withMessageId} finds a message's
 * dead letters.
 */
public interface DeadLetters {

    /**
     * Dead letters, oldest failure first, from the {@code offset}-th on: for tests and small tables, since it reads
     * {@code offset + limit} of them; {@link #page} walks a large table with a cursor instead.
     */
    List<DeadLetter> list(int offset, int limit);

    /** How many dead letters are stored. */
    long count();

    /** One dead letter, if stored. */
    Optional<DeadLetter> show(UUID id);

    /**
     * Sends the stored message again (same payload, headers and message id) to the handler that failed. The
     * dead letter is claimed first (removed in the replay's transaction, which holds it until the end), then the
     * handler runs in the same transaction: so a dead letter is handled by one replay only, however many run at
     * once (two operators, a bulk replay beside a single one); the others get
     * {@link DeadLetterNotFoundException} without running the handler. When handling fails the claim is rolled
     * back with the handler's work, the entry is updated (attempts, latest error) and {@code false} is returned.
     *
     * @param id the dead letter's {@link DeadLetter#id()}
     * @return whether the message was handled
     * @throws DeadLetterNotFoundException if no dead letter has this id, or it was replayed or deleted meanwhile
     */
    boolean replay(UUID id);

    /**
     * Replays each of the given dead letters; ids that are not stored (or are replayed meanwhile) are skipped.
     *
     * @return how many were handled (and removed)
     */
    int replay(Collection<UUID> ids);

    /**
     * Replays, in the caller's thread, every dead letter stored when the call starts, oldest first, reading them
     * in bounded batches; returns how many were handled.
     */
    int replayAll();

    /** Removes one dead letter; returns whether it was there. */
    boolean delete(UUID id);

    /** Removes every dead letter; returns how many were removed. */
    int deleteAll();

    /**
     * A page of the dead letters matching the filter, newest first failure first.
     *
     * @param after the previous page's {@link DeadLetterPage#next()}, or {@code null} for the first page
     * @param limit page size, 1 to 1000
     */
    DeadLetterPage page(DeadLetterFilter filter, DeadLetterCursor after, int limit);

    /** How many dead letters match the filter. */
    long count(DeadLetterFilter filter);

    /** The dead letters matching the filter grouped by how they failed, largest group first. */
    List<FailureGroup> groups(DeadLetterFilter filter);

    /** Totals: count, oldest failure, count per channel. */
    DeadLetterStats stats();

    /** Removes the given dead letters; returns how many were there. */
    int delete(Collection<UUID> ids);

    /**
     * Removes the dead letters that match the filter and had failed when the call started (later failures are
     * kept); returns how many were removed.
     */
    int delete(DeadLetterFilter filter);

    /**
     * Starts replaying, in the background, the dead letters that match the filter and had failed when the call
     * started, oldest first, at most {@code options.ratePerSecond()} per second. Returns at once. Bulk replays
     * stop when the application stops.
     *
     * @throws IllegalStateException if a bulk replay of the same filter is running ({@code REBOUND-4008})
     */
    BulkReplay replayInBackground(DeadLetterFilter filter, ReplayOptions options);

    /** A bulk replay started in this process, as it is now. */
    Optional<BulkReplay> bulkReplay(UUID id);

    /** The bulk replays started in this process, most recent first (finished ones are kept for a while). */
    List<BulkReplay> bulkReplays();

    /** Asks a running bulk replay to stop after the message in hand; returns whether it was running. */
    boolean cancelBulkReplay(UUID id);
}
