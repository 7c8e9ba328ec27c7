package dev.rebound.core;

/**
 * Two transactions claimed the same deduplication key at the same moment and the database refused the second
 * insert (Derby, H2): the attempt is rolled back and retried as an optimistic-lock conflict is ({@link
 * OptimisticLocks} counts it as one); the retry finds the key if the first transaction committed.
 */
public final class ConcurrentClaimException extends RuntimeException {

    public ConcurrentClaimException(String message, Throwable cause) {
        super(message, cause);
    }
}
