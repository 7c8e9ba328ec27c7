package dev.rebound;

import java.util.Objects;

/**
 * How the consumer of one asynchronous channel behaves. Provide it as a CDI bean ({@code @Produces}) or
 * with MicroProfile Config ({@code rebound.channel.<name>.*}); a bean wins over configuration. Immutable; each
 * {@code with}-method returns a new configuration.
 *
 * <pre>{@code
 * ConsumerConfiguration.of("orders").withErrorChannel("ordersErrors").withConcurrentConsumers(4)
 * }</pre>
 *
 * @param channel the channel
 * @param errorChannel the consumer's error channel, or {@code null} for the global default
 * @param finalFailureStrategy what happens to a message with nowhere else to go
 * @param concurrentConsumers how many messages of this channel are handled at once
 */
public record ConsumerConfiguration(String channel, String errorChannel, FinalFailureStrategy finalFailureStrategy,
                                    int concurrentConsumers) {

    /** The default: stop the consumer and keep the message on its queue, so nothing is lost and nothing loops. */
    public static final FinalFailureStrategy DEFAULT_FINAL_FAILURE_STRATEGY = FinalFailureStrategy.STOP;

    public ConsumerConfiguration {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(finalFailureStrategy, "finalFailureStrategy");
        if (concurrentConsumers < 1) {
            throw new IllegalArgumentException("concurrentConsumers must be 1 or more: " + concurrentConsumers);
        }
    }

    /** The defaults for {@code channel}: the global error channel, {@link #DEFAULT_FINAL_FAILURE_STRATEGY}, one consumer. */
    public static ConsumerConfiguration of(String channel) {
        return new ConsumerConfiguration(channel, null, DEFAULT_FINAL_FAILURE_STRATEGY, 1);
    }

    public ConsumerConfiguration withErrorChannel(String name) {
        return new ConsumerConfiguration(channel, name, finalFailureStrategy, concurrentConsumers);
    }

    public ConsumerConfiguration withFinalFailureStrategy(FinalFailureStrategy strategy) {
        return new ConsumerConfiguration(channel, errorChannel, strategy, concurrentConsumers);
    }

    public ConsumerConfiguration withConcurrentConsumers(int consumers) {
        return new ConsumerConfiguration(channel, errorChannel, finalFailureStrategy, consumers);
    }
}
