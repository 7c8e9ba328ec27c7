package dev.rebound.cdi;

import dev.rebound.DelayedRetry;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.RetryTemplate;
import dev.rebound.core.Diagnostics;

/** Turns a {@code @DelayedRetry} into the equivalent {@link ErrorHandlerConfiguration}. */
final class DelayedRetries {

    private DelayedRetries() {
    }

    /** @throws IllegalArgumentException with a deployment message for invalid values */
    static ErrorHandlerConfiguration configuration(String where, DelayedRetry retry) {
        try {
            RetryTemplate template = retry.maxDelayMs() >= 0
                    ? RetryTemplate.exponentialBackoffWithMaxDelay(retry.initialDelayMs(), retry.multiplier(),
                    retry.maxDelayMs())
                    : RetryTemplate.exponentialBackoff(retry.initialDelayMs(), retry.multiplier());
            return ErrorHandlerConfiguration.createWithDeadLetterChannel("@DelayedRetry " + where,
                    template.maxRetryAttempts(retry.maxAttempts()).abortOn(retry.abortOn()), retry.deadLetterChannel());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.badDelayedRetry(where, e.getMessage()), e);
        }
    }
}
