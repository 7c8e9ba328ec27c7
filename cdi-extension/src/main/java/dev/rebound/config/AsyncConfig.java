package dev.rebound.config;

import dev.rebound.ConsumerConfiguration;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.FinalFailureStrategy;
import dev.rebound.RetryTemplate;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Unrecoverable;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Consumers and error handlers declared in MicroProfile Config:
 * <pre>
 * rebound.channel.orders.error-channel=ordersErrors
 * rebound.channel.orders.final-failure-strategy=RESEND
 * rebound.channel.orders.concurrent-consumers=4
 * rebound.error-handler.ordersErrors.initial-delay-ms=1000
 * rebound.error-handler.ordersErrors.multiplier=2
 * rebound.error-handler.ordersErrors.max-delay-ms=60000
 * rebound.error-handler.ordersErrors.max-retries=5
 * rebound.error-handler.ordersErrors.jitter=0.1
 * rebound.error-handler.ordersErrors.dead-letter-channel=deadLetter
 * rebound.error-handler.ordersErrors.abort-on=com.example.InvalidOrderException
 * </pre>
 * Every key is looked up by its name, for the channels and error channels the application uses, so that each
 * also works as an environment variable ({@code REBOUND_CHANNEL_ORDERS_CONCURRENT_CONSUMERS=4}); property
 * names are never enumerated.
 */
public final class AsyncConfig {

    /** The keys of an error handler; one of them present defines it. */
    private static final List<String> ERROR_HANDLER_KEYS = List.of("initial-delay-ms", "multiplier", "max-delay-ms",
            "max-retries", "jitter", "dead-letter-channel", "abort-on");

    private final ReboundConfig config;

    public AsyncConfig(ReboundConfig config) {
        this.config = config;
    }

    /** The consumer settings of each asynchronous channel, defaults where nothing is configured. */
    public Map<String, ConsumerConfiguration> consumers(Collection<String> channels) {
        Map<String, ConsumerConfiguration> consumers = new LinkedHashMap<>();
        for (String channel : channels) {
            String prefix = "rebound.channel." + channel + ".";
            ConsumerConfiguration consumer = ConsumerConfiguration.of(channel);
            String errorChannel = config.get(prefix + "error-channel").orElse(null);
            if (errorChannel != null) {
                consumer = consumer.withErrorChannel(errorChannel);
            }
            String strategy = config.get(prefix + "final-failure-strategy").orElse(null);
            if (strategy != null) {
                try {
                    consumer = consumer.withFinalFailureStrategy(
                            FinalFailureStrategy.valueOf(strategy.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(Diagnostics.badConfigValue(prefix + "final-failure-strategy",
                            strategy, "one of RESEND, RELEASE, IGNORE, STOP"));
                }
            }
            int consumersCount = (int) config.number(prefix + "concurrent-consumers", 1);
            if (consumersCount < 1) {
                throw new IllegalArgumentException(Diagnostics.badConfigValue(prefix + "concurrent-consumers",
                        String.valueOf(consumersCount), "1 or more"));
            }
            consumers.put(channel, consumer.withConcurrentConsumers(consumersCount));
        }
        return consumers;
    }

    /**
     * The error handlers configured among the candidate names (every channel name the application uses as an error
     * channel or consumer), and among the dead letter channels these name in turn.
     */
    public Map<String, ErrorHandlerConfiguration> errorHandlers(Collection<String> candidates) {
        Map<String, ErrorHandlerConfiguration> handlers = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        candidates.stream().filter(Objects::nonNull).forEach(pending::add);
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.poll();
            String prefix = "rebound.error-handler." + name + ".";
            if (!seen.add(name)) {
                continue;
            }
            // before the check below: a handler configured only by its former key would otherwise vanish silently
            config.rejectRenamed(prefix + "max-attempts", prefix + "max-retries");
            if (ERROR_HANDLER_KEYS.stream().noneMatch(key -> config.get(prefix + key).isPresent())) {
                continue;
            }
            try {
                RetryTemplate template = RetryTemplate.exponentialBackoffWithMaxDelay(
                                config.number(prefix + "initial-delay-ms", 1000),
                                Double.parseDouble(config.get(prefix + "multiplier").orElse("1")),
                                config.number(prefix + "max-delay-ms", -1))
                        .maxRetries((int) config.number(prefix + "max-retries", 3))
                        .withJitter(Double.parseDouble(config.get(prefix + "jitter").orElse("0")))
                        .abortOn(abortOn(prefix + "abort-on"));
                String deadLetterChannel = config.get(prefix + "dead-letter-channel").orElse(null);
                handlers.put(name, ErrorHandlerConfiguration.of(name, template)
                        .withDeadLetterChannel(deadLetterChannel));
                if (deadLetterChannel != null) {
                    pending.add(deadLetterChannel);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("REBOUND-") ? e.getMessage()
                        : Diagnostics.badConfigValue(prefix + "*", name, "a valid retry template: " + e.getMessage()));
            }
        }
        return handlers;
    }

    private List<Class<? extends Throwable>> abortOn(String key) {
        String names = config.get(key).orElse("");
        try {
            return Unrecoverable.types(names, Unrecoverable.applicationLoader());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.unknownAbortOn(key, names, e.getMessage()));
        }
    }
}
