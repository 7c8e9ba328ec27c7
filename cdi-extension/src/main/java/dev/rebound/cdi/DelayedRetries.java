package dev.rebound.cdi;

import dev.rebound.DelayedRetry;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.RetryTemplate;
import dev.rebound.config.ReboundConfig;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Unrecoverable;
import dev.rebound.core.async.FailurePolicy;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@code @DelayedRetry} into the equivalent {@link ErrorHandlerConfiguration}, each member overridable with
 * MicroProfile Config as {@code @InstantRetry}'s are ({@code <class>/<method>/DelayedRetry/<member>}, then
 * {@code <class>/DelayedRetry/<member>}, then {@code DelayedRetry/<member>}). Deployment time only: the result is
 * fixed before the first message.
 */
final class DelayedRetries {

    private static final String ANNOTATION = "DelayedRetry";

    private final ReboundConfig config;

    DelayedRetries(ReboundConfig config) {
        this.config = config;
    }

    /**
     * The failure policy of a handler: its own error channel, its {@code @DelayedRetry} with the overrides, or
     * {@code null}.
     *
     * @throws IllegalArgumentException with a deployment message for invalid values
     */
    FailurePolicy policy(HandlerScanner.Found handler) {
        if (handler.delayedRetry() == null) {
            return handler.failurePolicy();
        }
        Method method = handler.method();
        return FailurePolicy.retry(configuration(method.getDeclaringClass(), method, handler.delayedRetry()));
    }

    /**
     * @param type the class that declares the handler, or the gateway interface, as the configuration keys name it
     * @throws IllegalArgumentException with a deployment message for invalid values
     */
    ErrorHandlerConfiguration configuration(Class<?> type, Method method, DelayedRetry retry) {
        String where = type.getName() + "#" + method.getName();
        config.rejectRenamed(type, method, ANNOTATION, "maxAttempts", "maxRetries");
        long initialDelayMs = config.override(type, method, ANNOTATION, "initialDelayMs", retry.initialDelayMs(),
                value -> atLeast(Long.parseLong(value), 0), "0 or more");
        double multiplier = config.override(type, method, ANNOTATION, "multiplier", retry.multiplier(),
                value -> atLeast(Double.parseDouble(value), 1), "a number, 1 or more");
        long maxDelayMs = config.override(type, method, ANNOTATION, "maxDelayMs", retry.maxDelayMs(),
                value -> atLeast(Long.parseLong(value), -1), "-1 (no cap), 0 or more");
        int maxRetries = config.override(type, method, ANNOTATION, "maxRetries", retry.maxRetries(),
                value -> atLeast(Integer.parseInt(value), -1), "-1 (unlimited), 0 or more");
        String deadLetterChannel = config.override(type, method, ANNOTATION, "deadLetterChannel")
                .orElse(retry.deadLetterChannel());
        List<Class<? extends Throwable>> abortOn = config.overrideEntry(type, method, ANNOTATION, "abortOn")
                .map(found -> abortOn(type, found)).orElse(Arrays.asList(retry.abortOn()));
        try {
            RetryTemplate template = maxDelayMs >= 0
                    ? RetryTemplate.exponentialBackoffWithMaxDelay(initialDelayMs, multiplier, maxDelayMs)
                    : RetryTemplate.exponentialBackoff(initialDelayMs, multiplier);
            return ErrorHandlerConfiguration.of("@DelayedRetry " + where,
                    template.maxRetries(maxRetries).abortOn(abortOn)).withDeadLetterChannel(deadLetterChannel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.badDelayedRetry(where, e.getMessage()), e);
        }
    }

    /** The value, if at least {@code min} (and a number: NaN and infinity are not). */
    private static <N extends Number> N atLeast(N value, double min) {
        if (!(value.doubleValue() >= min) || Double.isInfinite(value.doubleValue())) {
            throw new IllegalArgumentException(String.valueOf(value));
        }
        return value;
    }

    private static List<Class<? extends Throwable>> abortOn(Class<?> type, ReboundConfig.Entry found) {
        try {
            return Unrecoverable.types(found.value(), type.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.unknownAbortOn(found.key(), found.value(), e.getMessage()));
        }
    }
}
