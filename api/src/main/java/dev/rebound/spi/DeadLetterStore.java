package dev.rebound.spi;

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
 */
public interface DeadLetterStore {

    /**
     * Stores a failed message, or, if a record with the same message id exists, records the new failure
     * on it: attempts are added, the error and {@code lastFailedAt} replaced, {@code failedAt} kept.
     * Never yields two records for one message id.
     */
    void save(DeadLetterRecord record);

    /** The record with this id, if any. */
    Optional<DeadLetterRecord> find(UUID messageId);

    /** Records ordered by first failure, then id. */
    List<DeadLetterRecord> list(int offset, int limit);

    /** Ids of all records, ordered by first failure, then id. */
    List<UUID> ids();

    /** How many records are stored. */
    long count();

    /** Removes a record; returns whether it existed. */
    boolean delete(UUID messageId);

    /** Removes all records; returns how many. */
    int deleteAll();
}
