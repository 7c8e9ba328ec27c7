package dev.rebound.cdi;

import dev.rebound.Channels;
import dev.rebound.ConsumerConfiguration;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.config.AsyncConfig;
import dev.rebound.config.PolicyResolver;
import dev.rebound.config.ReboundConfig;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.async.FailurePolicy;
import dev.rebound.core.tx.Transactions;
import dev.rebound.transport.DelayedDeliveryCheck;
import dev.rebound.transport.Transports;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deployment checks of one application, each problem a {@link Diagnostics} message. While the handlers and
 * gateways are wired it notes the channel names they use and the gateways' delayed retries; {@link #run()} checks
 * them once every channel and the container's beans are known, with the consumers' and error handlers'
 * configurations, delayed delivery, the dead letter store and the transaction manager.
 */
final class DeploymentChecks {

    /** The problems found, and the consumers' policies they were checked against ({@code null} if unreadable). */
    record Outcome(List<String> problems, ConsumerPolicies policies) {
    }

    /** A channel name used somewhere, checked once every channel is known. */
    private record ChannelReference(String where, String channel, boolean fromQueue) {
    }

    private final ReboundConfig config;
    private final DelayedRetries delayedRetries;
    private final BeanLookup lookup;
    private final HandlerRegistry registry;
    private final ChannelRegistry channels;
    private final Transports transports;
    private final Transactions transactions;
    private final List<HandlerMethod> handlers;
    private final Set<String> asyncChannelNames;
    private final List<ChannelReference> references = new ArrayList<>();
    private final Map<String, FailurePolicy> gatewayPolicies = new HashMap<>();
    /** The asynchronous channels each gateway method with {@code @DelayedRetry} reaches. */
    private final Map<String, Set<String>> gatewayRetryQueues = new HashMap<>();
    private boolean usesTransactions;

    DeploymentChecks(ReboundConfig config, BeanLookup lookup, HandlerRegistry registry, ChannelRegistry channels,
                     Transports transports, Transactions transactions, List<HandlerMethod> handlers,
                     Set<String> asyncChannelNames, DelayedRetries delayedRetries) {
        this.delayedRetries = delayedRetries;
        this.config = config;
        this.lookup = lookup;
        this.registry = registry;
        this.channels = channels;
        this.transports = transports;
        this.transactions = transactions;
        this.handlers = handlers;
        this.asyncChannelNames = asyncChannelNames;
        handlers.forEach(this::noteHandler);
        config.defaultErrorChannel().ifPresent(channel ->
                references.add(new ChannelReference(ReboundConfig.DEFAULT_ERROR_CHANNEL, channel, true)));
    }

    private void noteHandler(HandlerMethod handler) {
        FailurePolicy policy = handler.failurePolicy();
        if (policy != null) {
            String channel = policy.errorChannel() != null ? policy.errorChannel()
                    : policy.delayedRetry().deadLetterChannel();
            if (channel != null) {
                references.add(new ChannelReference(handler.id(), channel, true));
            }
        }
    }

    /**
     * Notes what a gateway method uses, for {@link #run()}; throws {@link IllegalArgumentException} with the
     * problem's message if its {@code @DelayedRetry} cannot work.
     */
    void noteGatewayMethod(Class<?> type, Method method, EntryPointPolicy policy) {
        String where = type.getName() + "#" + method.getName();
        DelayedRetry delayed = PolicyResolver.find(type, method, DelayedRetry.class);
        if (delayed != null) {
            if (PolicyResolver.find(type, method, ErrorChannel.class) != null) {
                throw new IllegalArgumentException(Diagnostics.delayedRetryWithErrorChannel(where));
            }
            if (!routesOnlyToQueues(method)) {
                throw new IllegalArgumentException(Diagnostics.delayedRetryWithoutQueue(where));
            }
            gatewayRetryQueues.put(where, queuesReached(method));
            ErrorHandlerConfiguration retry = delayedRetries.configuration(type, method, delayed);
            gatewayPolicies.put(where, FailurePolicy.retry(retry));
            if (retry.deadLetterChannel() != null) {
                references.add(new ChannelReference(where, retry.deadLetterChannel(), true));
            }
        }
        if (policy.errorChannel() != null) {
            references.add(new ChannelReference(where, policy.errorChannel(), false));
        }
        usesTransactions |= policy.transaction() != null;
    }

    /** Whether every handler a gateway method can reach runs from a queue (only knowable for routing keys). */
    private boolean routesOnlyToQueues(Method method) {
        List<HandlerMethod> reached = reached(method);
        return !reached.isEmpty() && reached.stream().allMatch(h -> h.asyncChannel() != null);
    }

    private Set<String> queuesReached(Method method) {
        Set<String> queues = new LinkedHashSet<>();
        reached(method).forEach(handler -> queues.add(handler.asyncChannel()));
        return queues;
    }

    private List<HandlerMethod> reached(Method method) {
        dev.rebound.BusinessMethod business = method.getAnnotation(dev.rebound.BusinessMethod.class);
        List<HandlerMethod> reached = new ArrayList<>();
        for (HandlerKind kind : business == null ? new HandlerKind[0] : HandlerKind.values()) {
            reached.addAll(registry.resolve(new dev.rebound.core.Route(kind, business.value()), Object.class));
        }
        return reached;
    }

    /**
     * Checks what needs the container's beans (after deployment validation starts): channel names,
     * consumer and error handler configurations, the transaction manager and the dead letter store.
     */
    Outcome run() {
        ConsumerPolicies consumerPolicies;
        try {
            consumerPolicies = consumerPolicies();
        } catch (IllegalArgumentException e) {
            return new Outcome(List.of(e.getMessage()), null);
        }
        List<String> found = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>(channels.names());
        known.addAll(consumerPolicies.errorHandlers().keySet());
        boolean usesDeadLetter = checkReferences(known, consumerPolicies, found);
        usesDeadLetter |= checkErrorHandlers(known, consumerPolicies, found);
        checkConsumers(known, consumerPolicies, found);
        found.addAll(DelayedDeliveryCheck.problems(transports, handlers, asyncChannelNames, consumerPolicies,
                gatewayRetryQueues));
        checkResources(usesDeadLetter, found);
        return new Outcome(found, consumerPolicies);
    }

    /** The channel names used by handlers and gateways; whether one of them is the dead letter channel. */
    private boolean checkReferences(Set<String> known, ConsumerPolicies consumerPolicies, List<String> found) {
        boolean usesDeadLetter = false;
        for (ChannelReference reference : references) {
            if (!known.contains(reference.channel())) {
                found.add(Diagnostics.unknownErrorChannel(reference.where(), reference.channel(), known));
            } else if (!reference.fromQueue() && channels.queue(reference.channel()) == null
                    && consumerPolicies.errorHandlers().containsKey(reference.channel())) {
                found.add(Diagnostics.delayedRetryWithoutQueue(reference.where()));
            }
            usesDeadLetter |= Channels.DEAD_LETTER.equals(reference.channel());
        }
        return usesDeadLetter;
    }

    /** The error handlers' dead letter channels; whether one of them is the dead letter channel. */
    private static boolean checkErrorHandlers(Set<String> known, ConsumerPolicies consumerPolicies,
                                              List<String> found) {
        boolean usesDeadLetter = false;
        for (ErrorHandlerConfiguration handler : consumerPolicies.errorHandlers().values()) {
            String dead = handler.deadLetterChannel();
            usesDeadLetter |= Channels.DEAD_LETTER.equals(dead);
            if (dead != null && !known.contains(dead)) {
                found.add(Diagnostics.unknownErrorChannel("ErrorHandlerConfiguration " + handler.errorChannel(),
                        dead, known));
            }
        }
        return usesDeadLetter;
    }

    private static void checkConsumers(Set<String> known, ConsumerPolicies consumerPolicies, List<String> found) {
        for (ConsumerConfiguration consumer : consumerPolicies.consumers().values()) {
            if (consumer.errorChannel() != null && !known.contains(consumer.errorChannel())) {
                found.add(Diagnostics.unknownErrorChannel("consumer " + consumer.channel(), consumer.errorChannel(),
                        known));
            }
        }
    }

    /** The dead letter store if a dead letter channel is used; the transaction manager if anything needs one. */
    private void checkResources(boolean usesDeadLetter, List<String> found) {
        if (usesDeadLetter && !lookup.canStoreDeadLetters()) {
            found.add(Diagnostics.missingDeadLetterStore("An entry point or consumer"));
        }
        if (usesTransactions || (usesDeadLetter && lookup.canStoreDeadLetters())) {
            try {
                transactions.manager();
            } catch (RuntimeException e) {
                found.add(e.getMessage());
            }
        }
    }

    private ConsumerPolicies consumerPolicies() {
        AsyncConfig async = new AsyncConfig(config);
        Map<String, ConsumerConfiguration> consumers = new LinkedHashMap<>(async.consumers(asyncChannelNames));
        lookup.all(ConsumerConfiguration.class).forEach(metadata -> consumers.put(metadata.channel(), metadata));
        // an error handler is configured under a name the application uses: an error channel, or a consumer's channel
        Set<String> used = new LinkedHashSet<>(consumers.keySet());
        references.forEach(reference -> used.add(reference.channel()));
        consumers.values().forEach(consumer -> used.add(consumer.errorChannel()));
        Map<String, ErrorHandlerConfiguration> handlers = new LinkedHashMap<>(async.errorHandlers(used));
        lookup.all(ErrorHandlerConfiguration.class).forEach(handler -> handlers.put(handler.errorChannel(), handler));
        return new ConsumerPolicies(consumers, handlers, gatewayPolicies, config.defaultErrorChannel().orElse(null));
    }
}
