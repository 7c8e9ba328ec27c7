package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retries a failed asynchronous message later: it is sent again to the queue it came from with a delivery
 * delay, and the original is acknowledged, atomically. After the last retry it goes to
 * {@link #deadLetterChannel()}, or, without one, to the consumer's {@link FinalFailureStrategy}.
 *
 * <p>Place it on an {@link Asynchronous} handler. It cannot be combined with {@link ErrorChannel} on the
 * same element; deployment fails if it is.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface DelayedRetry {

    /** Delay before the first retry, in milliseconds. */
    long initialDelayMs();

    /** Factor between consecutive delays; 1 keeps the delay constant. */
    double multiplier() default 1;

    /** Cap on a delay in milliseconds; -1 means no cap. */
    long maxDelayMs() default -1;

    /** Retries before giving up; -1 means unlimited. */
    int maxAttempts() default 3;

    /** Channel for messages whose retries are exhausted; empty means the consumer's final failure strategy. */
    String deadLetterChannel() default "";

    /**
     * The exception types never retried (and their subclasses): such a failure goes straight to
     * {@link #deadLetterChannel()} (or the final failure strategy). Added to the global list
     * {@code rebound.retry.abort-on}.
     */
    Class<? extends Throwable>[] abortOn() default {};
}
