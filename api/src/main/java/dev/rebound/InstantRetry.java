package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retries a failed call at once, up to {@link #maxRetries()} times, each attempt in a fresh transaction
 * when the entry point is {@code @Transactional}. Place it on an entry point. When a handler calls
 * another entry point while an outer one is already retrying, only the outermost retries. A call whose attempt
 * joins the caller's transaction (the caller has one and the entry point is not {@code REQUIRES_NEW} or
 * {@code NOT_SUPPORTED}) is not retried: its failure dooms that transaction, so a retry could only return a
 * result that is rolled back later ({@code REBOUND-1030}).
 *
 * <p>The names follow MicroProfile Fault Tolerance's {@code @Retry(maxRetries, retryOn, abortOn)}: with
 * {@code maxRetries = 2} the handler runs at most 3 times (3 attempts; see {@link Attempt}).
 *
 * <p>Overridable with MicroProfile Config: {@code <interface>/InstantRetry/maxRetries},
 * {@code <interface>/<method>/InstantRetry/maxRetries} and globally {@code InstantRetry/maxRetries}; likewise
 * {@code retryOn} and {@code abortOn} (comma-separated class names). The former keys {@code retryTimes} and
 * {@code exceptions} fail the deployment, naming the new key.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InstantRetry {

    /** How many times to retry after the first failure (so at most {@code maxRetries + 1} attempts); not negative. */
    int maxRetries() default 3;

    /** The exception types that are retried (and their subclasses); empty means all. */
    Class<? extends Throwable>[] retryOn() default {};

    /**
     * The exception types never retried (and their subclasses), as Fault Tolerance's {@code abortOn}: they win over
     * {@link #retryOn()}, and the call fails at once (to its error channel, if any). Added to the global list
     * {@code rebound.retry.abort-on}.
     */
    Class<? extends Throwable>[] abortOn() default {};
}
