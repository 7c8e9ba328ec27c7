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
        long initialDelayMs = whole(type, method, "initialDelayMs", retry.initialDelayMs(), 0, Long.MAX_VALUE,
                "0 or more");
        double multiplier = config.doubleOverride(type, method, ANNOTATION, "multiplier", retry.multiplier());
        config.overrideEntry(type, method, ANNOTATION, "multiplier").filter(found -> multiplier < 1)
                .ifPresent(found -> {
                    throw new IllegalArgumentException(Diagnostics.badConfigValue(found.key(), found.value(),
                            "1 or more"));
                });
        long maxDelayMs = whole(type, method, "maxDelayMs", retry.maxDelayMs(), -1, Long.MAX_VALUE,
                "-1 (no cap), 0 or more");
        int maxRetries = (int) whole(type, method, "maxRetries", retry.maxRetries(), -1, Integer.MAX_VALUE,
                "-1 (unlimited), 0 or more");
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

    /** A whole-number member, overridden if configured; a configured value outside {@code min..max} fails. */
    private long whole(Class<?> type, Method method, String member, long annotated, long min, long max,
                       String expected) {
        return config.overrideEntry(type, method, ANNOTATION, member).map(found -> {
            try {
                long value = Long.parseLong(found.value());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the key and the value
            }
            throw new IllegalArgumentException(Diagnostics.badConfigValue(found.key(), found.value(), expected));
        }).orElse(annotated);
    }

    private static List<Class<? extends Throwable>> abortOn(Class<?> type, ReboundConfig.Entry found) {
        try {
            return Unrecoverable.types(found.value(), type.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.unknownAbortOn(found.key(), found.value(), e.getMessage()));
        }
    }
}
