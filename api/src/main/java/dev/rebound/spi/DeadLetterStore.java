package dev.rebound.spi;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailureGroup;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where dead letters are kept. Rebound ships a JPA implementation; an application may provide its own
 * as a CDI bean of this type, which then replaces it.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use.
 * <p>Transactions: every method runs in the caller's JTA transaction; Rebound calls them inside a
 * transaction of their own and commits or rolls back around them.
 * <p>Exceptions: any failure is thrown (nothing is swallowed); a failed {@link #save} keeps nothing.
 * <p>The query methods (filters, pages, groups, statistics) have defaults that refuse, so that a store written
 * before them keeps working for everything else; the admin dashboard needs them.
 */
public interface DeadLetterStore {

    /**
     * Stores a failed message, or, if a record with the same {@link DeadLetterRecord#id() id} exists, records the
     * new failure on it: attempts are added, the error, fingerprint, failure site and {@code lastFailedAt}
     * replaced, {@code failedAt} and channel kept. Either way the failure is appended to the record's history (of
     * which the latest {@link dev.rebound.FailedAttempt#MAX_KEPT} are kept). Never yields two records for one id;
     * records of one message id but different ids (two failed handlers) are kept apart.
     */
    void save(DeadLetterRecord record);

    /**
     * Records a failure on an existing record as {@link #save} does, but never creates one: a replay that failed
     * must not bring back a dead letter that another replay handled or an operator deleted meanwhile. The default
     * checks and saves in two steps; a store should do it in one (an update that holds the row).
     *
     * @return whether the record existed (and the failure was recorded)
     */
    default boolean recordFailure(DeadLetterRecord record) {
        if (find(record.id()).isEmpty()) {
            return false;
        }
        save(record);
        return true;
    }

    /**
     * Claims a record for a replay: removes it in the caller's transaction, so that a concurrent claim of the same
     * record waits for that transaction and then finds nothing (or, if it rolled back, the record again). The
     * default is {@link #delete(UUID)}, which does exactly that on a database that locks deleted rows.
     *
     * @return whether this call claimed it; {@code false} if it is gone
     */
    default boolean claim(UUID id) {
        return delete(id);
    }

    /** The record with this id, if any. */
    Optional<DeadLetterRecord> find(UUID id);

    /** Records ordered by first failure, then id (the dead letter's). */
    List<DeadLetterRecord> list(int offset, int limit);

    /** Ids of all records, ordered by first failure, then id. */
    List<UUID> ids();

    /** How many records are stored. */
    long count();

    /** Removes a record; returns whether it existed. */
    boolean delete(UUID id);

    /** Removes all records; returns how many. */
    int deleteAll();

    /**
     * Up to {@code limit} records matching the filter that come after the cursor in the order (first failure,
     * id), descending when {@code newestFirst}, ascending otherwise.
     *
     * @param after where the previous page ended, or {@code null} for the first page
     */
    default List<DeadLetterRecord> page(DeadLetterFilter filter, DeadLetterCursor after, int limit,
                                        boolean newestFirst) {
        throw unsupported("page");
    }

    /** How many records match the filter. */
    default long count(DeadLetterFilter filter) {
        throw unsupported("count(filter)");
    }

    /** The failure groups of the records matching the filter, largest first. */
    default List<FailureGroup> groups(DeadLetterFilter filter) {
        throw unsupported("groups");
    }

    /** Totals: how many, the oldest first failure, how many per channel. */
    default DeadLetterStats stats() {
        throw unsupported("stats");
    }

    /** Removes the records matching the filter; returns how many. */
    default int delete(DeadLetterFilter filter) {
        throw unsupported("delete(filter)");
    }

    private UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException("REBOUND-4002: Dead letter store " + getClass().getName()
                + " does not implement " + method + ", which the dead letter queries and the dashboard need.");
    }
}
