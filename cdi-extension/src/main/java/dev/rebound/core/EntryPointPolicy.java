package dev.rebound.core;

import jakarta.transaction.Transactional.TxType;
import java.util.List;

/**
 * How an entry point handles failures, after annotations and configuration are merged. A value.
 *
 * @param errorChannel channel for failures, or {@code null} to let them propagate
 * @param maxRetries instant retries, or {@code -1} for none configured
 * @param retryOn exception types retried; empty means all
 * @param abortOn exception types never retried, whatever {@code retryOn} says (the global list included)
 * @param transaction transaction type, or {@code null} when the entry point is not transactional
 * @param dontRollbackOn exception types that do not roll the transaction back
 * @param optimisticLockRetries the entry point's own optimistic-lock retries
 *     ({@code <gateway>[/<method>]/OptimisticLockRetry/maxRetries}), or {@code -1} for the global setting
 */
public record EntryPointPolicy(String errorChannel, int maxRetries, List<Class<? extends Throwable>> retryOn,
                               List<Class<? extends Throwable>> abortOn, TxType transaction, List<Class<?>> dontRollbackOn,
                               int optimisticLockRetries) {

    public static final EntryPointPolicy NONE = new EntryPointPolicy(null, -1, List.of(), List.of(), null,
            List.of());

    /** With the global optimistic-lock retries. */
    public EntryPointPolicy(String errorChannel, int maxRetries, List<Class<? extends Throwable>> retryOn,
                            List<Class<? extends Throwable>> abortOn, TxType transaction, List<Class<?>> dontRollbackOn) {
        this(errorChannel, maxRetries, retryOn, abortOn, transaction, dontRollbackOn, -1);
    }

    public EntryPointPolicy {
        retryOn = List.copyOf(retryOn);
        abortOn = List.copyOf(abortOn);
        dontRollbackOn = List.copyOf(dontRollbackOn);
    }
}
