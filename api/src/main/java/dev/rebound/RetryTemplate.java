package dev.rebound;

import java.util.List;
import java.util.Objects;

/**
 * A back-off policy for delayed retries: fixed or exponential, optionally capped, with an optional jitter.
 * Immutable; each {@code with}-style method returns a new template.
 *
 * <pre>{@code
 * RetryTemplate.exponentialBackoff(1000, 2).maxRetries(3)   // 1 s, 2 s, 4 s: at most 4 attempts
 * }</pre>
 */
public final class RetryTemplate {

    private final long initialDelayMs;
    private final double multiplier;
    private final long maxDelayMs;
    private final int maxRetries;
    private final double jitter;
    private final List<Class<? extends Throwable>> abortOn;

    private RetryTemplate(long initialDelayMs, double multiplier, long maxDelayMs, int maxRetries, double jitter,
                          List<Class<? extends Throwable>> abortOn) {
        if (initialDelayMs < 0) {
            throw new IllegalArgumentException("initialDelayMs must not be negative: " + initialDelayMs);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be 1 or more: " + multiplier);
        }
        if (maxRetries < -1) {
            throw new IllegalArgumentException("maxRetries must be -1 (unlimited) or more: " + maxRetries);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
        this.initialDelayMs = initialDelayMs;
        this.multiplier = multiplier;
        this.maxDelayMs = maxDelayMs;
        this.maxRetries = maxRetries;
        this.jitter = jitter;
        this.abortOn = List.copyOf(abortOn);
    }

    /** The same delay before every retry; unlimited retries until {@link #maxRetries(int)}. */
    public static RetryTemplate fixedBackoff(long delayMs) {
        return new RetryTemplate(delayMs, 1, -1, -1, 0, List.of());
    }

    /** Delays of {@code initialDelayMs}, {@code initialDelayMs * multiplier}, {@code initialDelayMs * multiplier²}, ... */
    public static RetryTemplate exponentialBackoff(long initialDelayMs, double multiplier) {
        return new RetryTemplate(initialDelayMs, multiplier, -1, -1, 0, List.of());
    }

    /** Exponential delays, none longer than {@code maxDelayMs}. */
    public static RetryTemplate exponentialBackoffWithMaxDelay(long initialDelayMs, double multiplier,
                                                               long maxDelayMs) {
        return new RetryTemplate(initialDelayMs, multiplier, maxDelayMs, -1, 0, List.of());
    }

    /**
     * At most this many retries after the first failure, so at most {@code retries + 1} attempts (a dead letter's
     * {@link DeadLetter#attempts()}); -1 for unlimited.
     */
    public RetryTemplate maxRetries(int retries) {
        return new RetryTemplate(initialDelayMs, multiplier, maxDelayMs, retries, jitter, abortOn);
    }

    /** Spreads each delay randomly by up to {@code fraction} (0 to 1) either way, so retries do not stampede. */
    public RetryTemplate withJitter(double fraction) {
        return new RetryTemplate(initialDelayMs, multiplier, maxDelayMs, maxRetries, fraction, abortOn);
    }

    /**
     * Exceptions never retried (and their subclasses): a message failing with one goes straight to the dead letter
     * channel (or the final failure strategy), as Fault Tolerance's {@code abortOn}. Replaces earlier ones.
     */
    @SafeVarargs
    public final RetryTemplate abortOn(Class<? extends Throwable>... types) {
        return new RetryTemplate(initialDelayMs, multiplier, maxDelayMs, maxRetries, jitter, List.of(types));
    }

    /** {@link #abortOn(Class[])} from a list. */
    public RetryTemplate abortOn(List<Class<? extends Throwable>> types) {
        return new RetryTemplate(initialDelayMs, multiplier, maxDelayMs, maxRetries, jitter, types);
    }

    /** Whether the failure is one that {@link #abortOn(Class[])} excludes from retries. */
    public boolean aborts(Throwable failure) {
        for (Class<? extends Throwable> type : abortOn) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a message that failed on its {@code attempt}-th attempt (1 = first) may be retried: whether
     * {@code attempt} is at most {@link #maxRetries()}.
     */
    public boolean canRetry(int attempt) {
        return maxRetries < 0 || attempt <= maxRetries;
    }

    /**
     * The delay before the retry that follows the {@code attempt}-th attempt, without jitter.
     *
     * @param attempt 1 for the delay after the first failure
     */
    public long delayAfter(int attempt) {
        double delay = initialDelayMs * Math.pow(multiplier, Math.max(0, attempt - 1));
        if (maxDelayMs >= 0) {
            delay = Math.min(delay, maxDelayMs);
        }
        return delay >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) delay;
    }

    /** {@link #delayAfter(int)} spread by the jitter; {@code random} is a number in [0, 1). */
    public long delayAfter(int attempt, double random) {
        long base = delayAfter(attempt);
        return jitter == 0 ? base : Math.max(0, Math.round(base * (1 + jitter * (2 * random - 1))));
    }

    public long initialDelayMs() {
        return initialDelayMs;
    }

    public double multiplier() {
        return multiplier;
    }

    public long maxDelayMs() {
        return maxDelayMs;
    }

    /** Retries allowed after the first failure, -1 for unlimited. */
    public int maxRetries() {
        return maxRetries;
    }

    public double jitter() {
        return jitter;
    }

    /** The exceptions never retried. */
    public List<Class<? extends Throwable>> abortOn() {
        return abortOn;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryTemplate t && t.initialDelayMs == initialDelayMs && t.multiplier == multiplier
                && t.maxDelayMs == maxDelayMs && t.maxRetries == maxRetries && t.jitter == jitter
                && t.abortOn.equals(abortOn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialDelayMs, multiplier, maxDelayMs, maxRetries, jitter, abortOn);
    }

    @Override
    public String toString() {
        return "RetryTemplate[initialDelayMs=" + initialDelayMs + ", multiplier=" + multiplier + ", maxDelayMs="
                + maxDelayMs + ", maxRetries=" + maxRetries + ", jitter=" + jitter
                + (abortOn.isEmpty() ? "" : ", abortOn=" + abortOn.stream().map(Class::getName).toList()) + "]";
    }
}
