package dev.rebound.core.async;

import dev.rebound.ErrorHandlerConfiguration;

/**
 * Where an asynchronous failure goes, as declared at one level (handler, gateway, consumer, global):
 * either a named error channel, or an inline delayed retry ({@code @DelayedRetry}).
 *
 * @param errorChannel the error channel's name, or {@code null} when {@code delayedRetry} is given
 * @param delayedRetry an inline retry configuration, or {@code null}
 */
public record FailurePolicy(String errorChannel, ErrorHandlerConfiguration delayedRetry) {

    public static FailurePolicy channel(String name) {
        return new FailurePolicy(name, null);
    }

    public static FailurePolicy retry(ErrorHandlerConfiguration configuration) {
        return new FailurePolicy(null, configuration);
    }
}
