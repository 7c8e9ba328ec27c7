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
 *
 * <p>{@link #maxRetries()} counts retries, {@link DeadLetter#attempts()} counts attempts: with {@code maxRetries = 2}
 * the handler runs 3 times and its dead letter has {@code attempts = 3}.
 *
 * <p>Overridable with MicroProfile Config, read once at deployment, the first key found winning (as for
 * {@link InstantRetry}): {@code <class>/<method>/DelayedRetry/<member>}, {@code <class>/DelayedRetry/<member>},
 * then {@code DelayedRetry/<member>}, for {@code initialDelayMs}, {@code multiplier}, {@code maxDelayMs},
 * {@code maxRetries}, {@code deadLetterChannel} and {@code abortOn} (comma-separated class names). {@code <class>}
 * is the handler's bean class, or the gateway interface when it is on a gateway. The former key
 * {@code maxAttempts} fails the deployment, naming the new key.
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

    /**
     * Retries after the first failure before giving up (so at most {@code maxRetries + 1} attempts); -1 means
     * unlimited.
     */
    int maxRetries() default 3;

    /** Channel for messages whose retries are exhausted; empty means the consumer's final failure strategy. */
    String deadLetterChannel() default "";

    /**
     * The exception types never retried (and their subclasses): such a failure goes straight to
     * {@link #deadLetterChannel()} (or the final failure strategy). Added to the global list
     * {@code rebound.retry.abort-on}.
     */
    Class<? extends Throwable>[] abortOn() default {};
}
