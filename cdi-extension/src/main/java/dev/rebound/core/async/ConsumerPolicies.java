package dev.rebound.core.async;

import dev.rebound.ConsumerConfiguration;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.FinalFailureStrategy;
import java.util.Map;

/**
 * The error handling configured for asynchronous consumption: per consumer ({@link ConsumerConfiguration}), per
 * error channel ({@link ErrorHandlerConfiguration}), per gateway ({@code @DelayedRetry}) and the global
 * default error channel. A value built at deployment.
 *
 * @param consumers consumer settings by channel name
 * @param errorHandlers delayed retry configurations by error channel name
 * @param gateways failure policies of gateways, by origin ({@code Interface#method})
 * @param defaultErrorChannel the global default error channel, or {@code null}
 */
public record ConsumerPolicies(Map<String, ConsumerConfiguration> consumers,
                               Map<String, ErrorHandlerConfiguration> errorHandlers,
                               Map<String, FailurePolicy> gateways, String defaultErrorChannel) {

    public ConsumerPolicies {
        consumers = Map.copyOf(consumers);
        errorHandlers = Map.copyOf(errorHandlers);
        gateways = Map.copyOf(gateways);
    }

    public ConsumerConfiguration consumer(String channel) {
        return consumers.getOrDefault(channel, ConsumerConfiguration.of(channel));
    }

    public FinalFailureStrategy finalFailureStrategy(String channel) {
        return consumer(channel).finalFailureStrategy();
    }
}
