package dev.rebound.core;

import java.util.Map;

/**
 * How optimistic-lock conflicts are retried, read once at deployment ({@code rebound.optimistic-lock.*}): up to
 * {@code maxRetries} more attempts, each in a fresh transaction, after a back-off that starts at
 * {@code initialDelayMs}, doubles up to {@code maxDelayMs} and is shortened by up to {@code jitter} of itself at
 * random, so that the writers that collided do not collide again in step. A value.
 *
 * @param maxRetries retries after the first attempt; 0 turns the retries off
 * @param jitter the fraction of each delay taken off at random, 0 (none) to 1 (anywhere from 0 to the delay)
 * @param handlers the handlers whose {@code <class>[/<method>]/OptimisticLockRetry/maxRetries} overrides
 *     {@code maxRetries}, by handler id
 */
public record OptimisticLockRetry(int maxRetries, long initialDelayMs, long maxDelayMs, double jitter,
                                  Map<String, Integer> handlers) {

    public static final String MAX_RETRIES = "rebound.optimistic-lock.max-retries";
    public static final String INITIAL_DELAY_MS = "rebound.optimistic-lock.initial-delay-ms";
    public static final String MAX_DELAY_MS = "rebound.optimistic-lock.max-delay-ms";
    public static final String JITTER = "rebound.optimistic-lock.jitter";
    /** The annotation part of the per entry point keys, as {@code @InstantRetry}'s are. */
    public static final String OVERRIDE = "OptimisticLockRetry";

    public static final OptimisticLockRetry DEFAULT = new OptimisticLockRetry(3, 10, 100, 0.5, Map.of());

    public OptimisticLockRetry {
        handlers = Map.copyOf(handlers);
    }

    public OptimisticLockRetry withMaxRetries(int retries) {
        return new OptimisticLockRetry(retries, initialDelayMs, maxDelayMs, jitter, handlers);
    }

    public OptimisticLockRetry withHandlers(Map<String, Integer> overrides) {
        return new OptimisticLockRetry(maxRetries, initialDelayMs, maxDelayMs, jitter, overrides);
    }

    /** The retries of the handler that failed ({@code null}: none known), its override or the global value. */
    public int maxRetries(HandlerMethod handler) {
        if (handler == null) {
            return maxRetries;
        }
        Integer own = handlers.get(handler.id());
        return own != null ? own : maxRetries;
    }

    /**
     * The pause before retry {@code retry} (1 for the first).
     *
     * @param random in [0, 1)
     */
    public long delayMs(int retry, double random) {
        long delay = initialDelayMs;
        for (int i = 1; i < retry && delay < maxDelayMs; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, maxDelayMs);
        return delay - (long) (delay * jitter * random);
    }
}
