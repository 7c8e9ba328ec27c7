package dev.rebound;

import java.util.Objects;

/**
 * Gives an error channel delayed retries: a message failing into {@code errorChannel} is sent again to the
 * queue it came from after the template's delay, until its retries are exhausted; then it goes to the
 * dead letter channel, or, without one, to the consumer's {@link FinalFailureStrategy}. Provide it as a
 * CDI bean ({@code @Produces}) or with MicroProfile Config ({@code rebound.error-handler.<channel>.*}). Immutable.
 *
 * <pre>{@code
 * ErrorHandlerConfiguration.of("ordersErrors", RetryTemplate.exponentialBackoff(1000, 2).maxRetries(3))
 *         .withDeadLetterChannel(Channels.DEAD_LETTER)
 * }</pre>
 *
 * @param errorChannel the error channel this configuration defines
 * @param retryTemplate the back-off
 * @param deadLetterChannel where exhausted messages go, or {@code null}
 */
public record ErrorHandlerConfiguration(String errorChannel, RetryTemplate retryTemplate, String deadLetterChannel) {

    public ErrorHandlerConfiguration {
        Objects.requireNonNull(errorChannel, "errorChannel");
        Objects.requireNonNull(retryTemplate, "retryTemplate");
        if (deadLetterChannel != null && deadLetterChannel.isBlank()) {
            deadLetterChannel = null;
        }
    }

    /** Delayed retries for {@code errorChannel}, without a dead letter channel (see {@link #withDeadLetterChannel}). */
    public static ErrorHandlerConfiguration of(String errorChannel, RetryTemplate retryTemplate) {
        return new ErrorHandlerConfiguration(errorChannel, retryTemplate, null);
    }

    /** The same configuration, exhausted messages going to {@code name}. */
    public ErrorHandlerConfiguration withDeadLetterChannel(String name) {
        return new ErrorHandlerConfiguration(errorChannel, retryTemplate, name);
    }
}
