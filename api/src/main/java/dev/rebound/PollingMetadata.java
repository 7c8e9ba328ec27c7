package dev.rebound;

import java.util.Objects;

/**
 * How the consumer of one asynchronous channel behaves. Provide it as a CDI bean ({@code @Produces}) or
 * with MicroProfile Config ({@code rebound.channel.<name>.*}); a bean wins over configuration.
 *
 * @param channel the channel
 * @param errorChannel the consumer's error channel, or {@code null} for the global default
 * @param finalFailureStrategy what happens to a message with nowhere else to go
 * @param concurrentConsumers how many messages of this channel are handled at once
 */
public record PollingMetadata(String channel, String errorChannel, FinalFailureStrategy finalFailureStrategy,
                              int concurrentConsumers) {

    /** The default: stop the consumer and keep the message on its queue, so nothing is lost and nothing loops. */
    public static final FinalFailureStrategy DEFAULT_FINAL_FAILURE_STRATEGY = FinalFailureStrategy.STOP;

    public PollingMetadata {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(finalFailureStrategy, "finalFailureStrategy");
        if (concurrentConsumers < 1) {
            throw new IllegalArgumentException("concurrentConsumers must be 1 or more: " + concurrentConsumers);
        }
    }

    public static PollingMetadata create(String channel) {
        return new PollingMetadata(channel, null, DEFAULT_FINAL_FAILURE_STRATEGY, 1);
    }

    public PollingMetadata setErrorChannelName(String name) {
        return new PollingMetadata(channel, name, finalFailureStrategy, concurrentConsumers);
    }

    public PollingMetadata setFinalFailureStrategy(FinalFailureStrategy strategy) {
        return new PollingMetadata(channel, errorChannel, strategy, concurrentConsumers);
    }

    public PollingMetadata setConcurrentConsumers(int consumers) {
        return new PollingMetadata(channel, errorChannel, finalFailureStrategy, consumers);
    }
}
