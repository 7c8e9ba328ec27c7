package dev.rebound.transport;

import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.async.FailurePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds, at deployment, the delayed retries the application asks of its channels: a delayed retry sends the
 * failed message back to the queue it came from with a delay, so that queue's transport must deliver later
 * ({@link dev.rebound.spi.TransportCapability#DELAYED_DELIVERY}). Asked of a channel by an {@code @Asynchronous}
 * handler's {@code @DelayedRetry} or error channel, by the channel's consumer or an error handler configuration
 * named like it, by the default error channel, and by a gateway's {@code @DelayedRetry} for the queues it reaches.
 */
public final class DelayedDeliveryCheck {

    private DelayedDeliveryCheck() {
    }

    /**
     * The deployment problems: one per (who asks, channel) whose transport cannot deliver later.
     *
     * @param gatewayQueues the asynchronous channels reached by each gateway method with {@code @DelayedRetry}
     */
    public static List<String> problems(Transports transports, List<HandlerMethod> handlers, Set<String> channels,
                                        ConsumerPolicies policies, Map<String, Set<String>> gatewayQueues) {
        List<String> problems = new ArrayList<>();
        for (HandlerMethod handler : handlers) {
            FailurePolicy policy = handler.failurePolicy();
            if (handler.asyncChannel() != null && policy != null && retries(policy, policies)) {
                add(problems, transports.delayedRetry("Handler " + handler.id(), handler.asyncChannel()));
            }
        }
        for (String channel : channels) {
            String errorChannel = policies.consumer(channel).errorChannel();
            String named = errorChannel != null ? errorChannel
                    : policies.errorHandlers().containsKey(channel) ? channel : policies.defaultErrorChannel();
            if (named != null && retries(policies.errorHandlers().get(named))) {
                add(problems, transports.delayedRetry("ErrorHandlerConfiguration " + named + " (error channel of "
                        + "channel " + channel + ")", channel));
            }
        }
        for (Map.Entry<String, Set<String>> gateway : gatewayQueues.entrySet()) {
            FailurePolicy policy = policies.gateways().get(gateway.getKey());
            if (policy != null && retries(policy, policies)) {
                gateway.getValue().forEach(channel ->
                        add(problems, transports.delayedRetry("@DelayedRetry on " + gateway.getKey(), channel)));
            }
        }
        return problems.stream().filter(Objects::nonNull).distinct().toList();
    }

    private static boolean retries(FailurePolicy policy, ConsumerPolicies policies) {
        return retries(policy.delayedRetry() != null ? policy.delayedRetry()
                : policies.errorHandlers().get(policy.errorChannel()));
    }

    /** Whether the configuration sends a failed message back at least once. */
    private static boolean retries(ErrorHandlerConfiguration configuration) {
        return configuration != null && configuration.retryTemplate() != null
                && configuration.retryTemplate().canRetry(1);
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
