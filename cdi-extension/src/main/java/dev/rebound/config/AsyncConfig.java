package dev.rebound.config;

import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.FinalFailureStrategy;
import dev.rebound.PollingMetadata;
import dev.rebound.RetryTemplate;
import dev.rebound.core.Diagnostics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Consumers and error handlers declared in MicroProfile Config:
 * <pre>
 * rebound.channel.orders.error-channel=ordersErrors
 * rebound.channel.orders.final-failure-strategy=RESEND
 * rebound.channel.orders.concurrent-consumers=4
 * rebound.error-handler.ordersErrors.initial-delay-ms=1000
 * rebound.error-handler.ordersErrors.multiplier=2
 * rebound.error-handler.ordersErrors.max-delay-ms=60000
 * rebound.error-handler.ordersErrors.max-attempts=5
 * rebound.error-handler.ordersErrors.jitter=0.1
 * rebound.error-handler.ordersErrors.dead-letter-channel=deadLetter
 * </pre>
 */
public final class AsyncConfig {

    private final ReboundConfig config;

    public AsyncConfig(ReboundConfig config) {
        this.config = config;
    }

    public Map<String, PollingMetadata> consumers() {
        Map<String, PollingMetadata> consumers = new LinkedHashMap<>();
        for (String channel : config.namesUnder("rebound.channel.")) {
            String prefix = "rebound.channel." + channel + ".";
            PollingMetadata metadata = PollingMetadata.create(channel);
            String errorChannel = config.get(prefix + "error-channel").orElse(null);
            if (errorChannel != null) {
                metadata = metadata.setErrorChannelName(errorChannel);
            }
            String strategy = config.get(prefix + "final-failure-strategy").orElse(null);
            if (strategy != null) {
                try {
                    metadata = metadata.setFinalFailureStrategy(
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
            consumers.put(channel, metadata.setConcurrentConsumers(consumersCount));
        }
        return consumers;
    }

    public Map<String, ErrorHandlerConfiguration> errorHandlers() {
        Map<String, ErrorHandlerConfiguration> handlers = new LinkedHashMap<>();
        for (String name : config.namesUnder("rebound.error-handler.")) {
            String prefix = "rebound.error-handler." + name + ".";
            try {
                RetryTemplate template = RetryTemplate.exponentialBackoffWithMaxDelay(
                                config.number(prefix + "initial-delay-ms", 1000),
                                Double.parseDouble(config.get(prefix + "multiplier").orElse("1")),
                                config.number(prefix + "max-delay-ms", -1))
                        .maxRetryAttempts((int) config.number(prefix + "max-attempts", 3))
                        .withJitter(Double.parseDouble(config.get(prefix + "jitter").orElse("0")));
                handlers.put(name, ErrorHandlerConfiguration.createWithDeadLetterChannel(name, template,
                        config.get(prefix + "dead-letter-channel").orElse(null)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("REBOUND-") ? e.getMessage()
                        : Diagnostics.badConfigValue(prefix + "*", name, "a valid retry template: " + e.getMessage()));
            }
        }
        return handlers;
    }
}
