package dev.rebound.dedup;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The table {@code rebound_dedup}, written through the application's JTA EntityManager (native statements), so that
 * a key commits or rolls back with the handler's work on the same connection. Every method runs in the caller's
 * JTA transaction. Thread-safe.
 */
public final class DedupStore {

    /** Thrown by {@link #claim} when the database refused a concurrent insert of the same key. */
    public static final class Race extends RuntimeException {
        Race(Throwable cause) {
            super(cause);
        }
    }

    private final Supplier<EntityManager> entityManager;
    private final Supplier<DedupDialect> dialect;
    private final int batch;

    /**
     * @param dialect the database's statements (found once, on first use)
     * @param batch the most keys one cleanup statement removes
     */
    public DedupStore(Supplier<EntityManager> entityManager, Supplier<DedupDialect> dialect, int batch) {
        this.entityManager = entityManager;
        this.dialect = dialect;
        this.batch = batch;
    }

    /**
     * Claims the key (a {@link DedupHash}) at {@code nowMs}: true if this transaction now holds it, false if it was
     * claimed (and committed) already.
     *
     * @throws Race the database refused a concurrent insert (Derby, H2): the transaction is doomed, retry it
     */
    public boolean claim(String hash, long nowMs) {
        try {
            return entityManager.get().createNativeQuery(dialect.get().claim())
                    .setParameter(1, hash).setParameter(2, nowMs).executeUpdate() > 0;
        } catch (PersistenceException e) {
            if (duplicateKey(e)) {
                throw new Race(e);
            }
            throw e;
        }
    }

    /**
     * Removes at most one batch of the keys claimed from {@code fromMs} (inclusive) and before {@code beforeMs}, the
     * oldest first; how many it removed.
     */
    public int removeExpired(long fromMs, long beforeMs) {
        return entityManager.get().createNativeQuery(dialect.get().cleanup(batch))
                .setParameter(1, fromMs).setParameter(2, beforeMs).executeUpdate();
    }

    /** The oldest claim time from {@code fromMs} (inclusive) and before {@code beforeMs}; {@code null} if none. */
    public Long oldest(long fromMs, long beforeMs) {
        Object oldest = entityManager.get().createNativeQuery(dialect.get().oldest())
                .setParameter(1, fromMs).setParameter(2, beforeMs).getSingleResult();
        return oldest == null ? null : ((Number) oldest).longValue();
    }

    /** Finds the database's statements now (on a connection, in a transaction of its own, unless configured). */
    public void prepare() {
        dialect.get();
    }

    public int batch() {
        return batch;
    }

    /** An integrity constraint violation (SQL state class 23) anywhere in the causes. */
    private static boolean duplicateKey(Throwable failure) {
        int depth = 0;
        for (Throwable current = failure; current != null && depth < 32; current = current.getCause(), depth++) {
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
