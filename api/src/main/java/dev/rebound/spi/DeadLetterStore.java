package dev.rebound.spi;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailureGroup;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where dead letters are kept. Rebound ships a JPA implementation, used when the application has an
 * {@code EntityManager}; an application may provide its own as a CDI bean of this type, which then replaces it
 * (for tests and single-process demos: {@code @Produces DeadLetterStore store = new InMemoryDeadLetterStore();}
 * from the {@code rebound-in-memory} module). {@code dev.rebound.DeadLetters} offers the convenient operations
 * (list, delete one, delete all, replay) on top of these.
 *
 * <p>Order: records are ordered by (first failure, id), the order of {@link #page pages} and of a
 * {@link dev.rebound.DeadLetterCursor cursor}.
 * <p>Thread-safety: implementations must be safe for concurrent use.
 * <p>Transactions: every method runs in the caller's JTA transaction (Rebound calls each inside a transaction of
 * its own and commits or rolls back around it); what a rolled-back transaction wrote must not stay.
 * <p>Exceptions: any failure is thrown (nothing is swallowed); a failed {@link #save} keeps nothing. A store
 * that cannot reach its data throws, it never answers "empty".
 */
public interface DeadLetterStore {

    /**
     * Stores a failed message, or, if a record with the same {@link DeadLetterRecord#id() id} exists, records the
     * new failure on it: attempts are added, the failure, fingerprint and {@code lastFailedAt} replaced,
     * {@code failedAt}, body, headers and channel kept. Either way the failure is appended to the record's history
     * ({@link DeadLetterRecord#asAttempt()}, of which the latest {@link dev.rebound.FailedAttempt#MAX_KEPT} are
     * kept). Concurrent saves of one id never yield two records and never lose attempts; records of one message id
     * but different ids (two failed handlers) are kept apart.
     */
    void save(DeadLetterRecord record);

    /**
     * Records a failure on an existing record as {@link #save} does, but never creates one: a replay that failed
     * must not bring back a dead letter that another replay handled or an operator deleted meanwhile. Done in one
     * step (an update that holds the record until the transaction ends), not a find followed by a save.
     *
     * @return whether the record existed (and the failure was recorded)
     */
    boolean recordFailure(DeadLetterRecord record);

    /** The record with this id, if any. */
    Optional<DeadLetterRecord> find(UUID id);

    /**
     * Up to {@code limit} records matching the filter that come after the cursor in the order (first failure,
     * id), descending when {@code newestFirst}, ascending otherwise. Memory and time stay bounded by
     * {@code limit} whatever the store holds.
     *
     * @param after where the previous page ended, or {@code null} for the first page
     */
    List<DeadLetterRecord> page(DeadLetterFilter filter, DeadLetterCursor after, int limit, boolean newestFirst);

    /** How many records match the filter. */
    long count(DeadLetterFilter filter);

    /**
     * Removes the records matching the filter in the caller's transaction; returns how many. This is also how a
     * replay claims one dead letter ({@link DeadLetterFilter#withId}): the removal holds the record until the
     * transaction ends, so that a concurrent removal of it removes nothing (after waiting, or at once), and a
     * rolled-back transaction leaves the record in place. Two replays of one dead letter therefore never both get
     * {@code 1}.
     */
    int delete(DeadLetterFilter filter);

    /**
     * The failure groups (fingerprint, latest exception class, handler, failure site) of the records matching the
     * filter, with their count, first and last failure: largest first, then most recently failed first.
     */
    List<FailureGroup> groups(DeadLetterFilter filter);

    /**
     * Claims up to {@code limit} records for a bulk replay: of the records matching the snapshot that come after the
     * cursor in the order (first failure, id), ascending, those that no other claim holds (never claimed, released,
     * or whose claim's lease ended before {@code now}) and whose latest failure is not after the snapshot's cut-off
     * (a record that failed again meanwhile is not met twice); marks them as held by {@code owner} until
     * {@code leaseUntil} and returns them in that order. Done in the caller's (short) transaction, committed before
     * the records are replayed, so the claim is a lease, not a lock. Concurrent claims (other nodes, other bulk
     * replays) get disjoint records and do not wait on each other where the database can skip locked rows
     * (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}); elsewhere they wait only for each other's claim statement.
     *
     * <p>The default claims nothing: it returns the page, which suits a store in one process, where
     * {@link #delete} is the only claim (replays still never handle a record twice, but replayers of several
     * processes would meet the same records).
     *
     * @param owner the claim's owner, unique per claim (Rebound uses node, bulk replay and batch number): it is the
     *        claim's epoch, so that an owner whose lease ended and whose records another claim took can no
     *        longer remove them ({@link #deleteClaimed})
     * @since schema version 6
     */
    default List<DeadLetterRecord> claim(DeadLetterFilter snapshot, DeadLetterCursor after, int limit, String owner,
                                         Instant now, Instant leaseUntil) {
        return page(snapshot, after, limit, false);
    }

    /**
     * Removes those of the records {@code ids} that {@code owner}'s claim still holds, in the caller's transaction,
     * and returns how many; a record whose claim another owner took over (after this one's lease ended), or that
     * was removed meanwhile, is not removed. As with {@link #delete}, the removal holds the records until the
     * transaction ends, so that a concurrent removal of them waits and then removes nothing. A replay removes its
     * claimed records this way in the transaction that runs their handlers: it commits only if all were still its.
     *
     * <p>The default removes the records by id, whoever claimed them (the default {@link #claim} claims nothing).
     */
    default int deleteClaimed(Collection<UUID> ids, String owner) {
        int deleted = 0;
        for (UUID id : ids) {
            deleted += delete(DeadLetterFilter.all().withId(id));
        }
        return deleted;
    }

    /** Totals: how many, the oldest first failure ({@code null} when empty), how many per channel, largest first. */
    DeadLetterStats stats();
}
