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

    /**
     * Where a failure on {@code channel} goes: the handler's own policy, the gateway's (by the message's origin), the
     * consumer's error channel, an error handler named as the channel, the default error channel; {@code null} for
     * none (the final failure strategy).
     *
     * @param own the handler's own policy, or {@code null}
     * @param origin the gateway the message came from, or {@code null}
     */
    public FailurePolicy resolve(String channel, String origin, FailurePolicy own) {
        if (own != null) {
            return own;
        }
        FailurePolicy gateway = origin == null ? null : gateways.get(origin);
        if (gateway != null) {
            return gateway;
        }
        String consumerChannel = consumer(channel).errorChannel();
        if (consumerChannel != null) {
            return FailurePolicy.channel(consumerChannel);
        }
        if (errorHandlers.containsKey(channel)) {
            return FailurePolicy.channel(channel);
        }
        return defaultErrorChannel == null ? null : FailurePolicy.channel(defaultErrorChannel);
    }

    public FinalFailureStrategy finalFailureStrategy(String channel) {
        return consumer(channel).finalFailureStrategy();
    }
}
