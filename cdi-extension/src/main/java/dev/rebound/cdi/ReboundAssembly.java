package dev.rebound.cdi;

import dev.rebound.Channels;
import dev.rebound.ConsumerConfiguration;
import dev.rebound.Consumers;
import dev.rebound.DeadLetters;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.config.AsyncConfig;
import dev.rebound.config.PolicyResolver;
import dev.rebound.config.ReboundConfig;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.FailureLog;
import dev.rebound.core.Unrecoverable;
import dev.rebound.core.Failures;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.Lazy;
import dev.rebound.core.MessageContext;
import dev.rebound.core.NullChannel;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.async.FailurePolicy;
import dev.rebound.core.gateway.Gateways;
import dev.rebound.core.tx.Transactions;
import dev.rebound.deadletter.DeadLetterChannel;
import dev.rebound.deadletter.DeadLetterCodec;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.deadletter.SchemaSetting;
import dev.rebound.pipeline.ConsumerEntry;
import dev.rebound.pipeline.ErrorRoute;
import dev.rebound.pipeline.FailureDecision;
import dev.rebound.pipeline.FailureExecutor;
import dev.rebound.pipeline.Interceptors;
import dev.rebound.pipeline.Pipelines;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.MessageObserver;
import dev.rebound.transport.ConsumerControl;
import dev.rebound.transport.ContainerTransportContext;
import dev.rebound.transport.DelayedDeliveryCheck;
import dev.rebound.transport.JsonPayloadCodec;
import dev.rebound.transport.Transports;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rebound's object graph for one application, wired once at deployment. Everything that needs a bean
 * instance or a server resource gets it lazily, on first use, so nothing is looked up per call.
 */
final class ReboundAssembly {

    /** A channel name used somewhere, checked once every channel is known. */
    private record ChannelReference(String where, String channel, boolean fromQueue) {
    }

    private final Clock clock = Clock.systemUTC();
    private final MessageContext context = new MessageContext(clock);
    private final Failures failures = new Failures(clock);
    private final ReboundConfig config;
    private final BeanLookup lookup;
    private final HandlerRegistry registry;
    private final Transactions transactions;
    private final ChannelRegistry channels = new ChannelRegistry(List.of(new NullChannel()));
    private final Gateways gateways;
    private final PolicyResolver policies;
    private final DelayedRetries delayedRetries;
    private final DeadLetterChannel deadLetterChannel;
    private final DeadLetterService deadLetters;
    private final Transports transports;
    private final Interceptors interceptors;
    private final ErrorRoute errorRoute;
    private final FailureExecutor failureExecutor;
    private final Pipelines pipelines;
    private final Consumer<String> problems;
    private final List<ChannelReference> references = new ArrayList<>();
    private final Map<String, FailurePolicy> gatewayPolicies = new HashMap<>();
    /** The asynchronous channels each gateway method with {@code @DelayedRetry} reaches. */
    private final Map<String, Set<String>> gatewayRetryQueues = new HashMap<>();
    private final List<HandlerMethod> handlers = new ArrayList<>();
    private final Set<String> asyncChannelNames = new LinkedHashSet<>();
    private final FailureLog failureLog;
    private final ConsumerControl consumers;
    private final SchemaSetting schema;
    private final Unrecoverable unrecoverable;
    private boolean usesTransactions;
    private volatile Inbound inbound;

    ReboundAssembly(ReboundConfig config, BeanLookup lookup, List<ReboundExtension.HandlerBinding> bindings,
                    Consumer<String> problems) {
        this.config = config;
        this.lookup = lookup;
        this.problems = problems;
        failureLog = setting(config::failureLog, FailureLog.DEFAULT, problems);
        schema = setting(() -> SchemaSetting.of(config.get(SchemaSetting.PROPERTY)), SchemaSetting.NONE, problems);
        unrecoverable = setting(config::unrecoverable, Unrecoverable.DEFAULT, problems);
        delayedRetries = new DelayedRetries(config);
        for (ReboundExtension.HandlerBinding binding : bindings) {
            handlers.add(binding.handler().bind(Lazy.of(() -> lookup.handlerTarget(binding.bean())),
                    setting(() -> delayedRetries.policy(binding.handler()), null, problems)));
        }
        registry = new HandlerRegistry(handlers);
        registry.problems().forEach(problems);
        interceptors = new Interceptors(
                Lazy.of(() -> lookup.allByPriority(MessageInterceptor.class, MessageInterceptor.DEFAULT_PRIORITY)),
                Lazy.of(() -> lookup.all(MessageObserver.class)));
        transactions = new Transactions(lookup::transactionManager);
        errorRoute = new ErrorRoute(channels, failures);
        failureExecutor = new FailureExecutor(channels, errorRoute, interceptors, failureLog);
        pipelines = new Pipelines(registry, channels, transactions, context, interceptors, failureExecutor);

        Supplier<Jsonb> jsonb = Lazy.of(JsonbBuilder::create);
        PayloadTypes payloadTypes = new PayloadTypes(registry.payloadTypes());
        Supplier<DeadLetterStore> store = Lazy.of(lookup::deadLetterStore);
        DeadLetterCodec codec = new DeadLetterCodec(jsonb, payloadTypes);
        deadLetterChannel = new DeadLetterChannel(store, codec, transactions,
                handler -> registry.byId(handler).map(HandlerMethod::asyncChannel).orElse(null), interceptors);
        deadLetters = new DeadLetterService(store, codec, registry, pipelines, transactions, clock,
                interceptors, Lazy.of(lookup::executor));
        channels.add(deadLetterChannel);
        registry.internalChannels().forEach(name -> channels.add(pipelines.internalChannel(name)));

        JsonPayloadCodec payloads = new JsonPayloadCodec(jsonb, payloadTypes);
        transports = asyncChannels(handlers, name -> new ContainerTransportContext(name, config, lookup::single,
                payloads, lookup::threadFactory, transactions, lookup::inServer));
        for (HandlerMethod handler : handlers) {
            FailurePolicy policy = handler.failurePolicy();
            if (policy != null) {
                String channel = policy.errorChannel() != null ? policy.errorChannel()
                        : policy.delayedRetry().deadLetterChannel();
                if (channel != null) {
                    references.add(new ChannelReference(handler.id(), channel, true));
                }
            }
        }
        consumers = new ConsumerControl(transports, () -> inbound);
        gateways = new Gateways(pipelines::gateway, registry, context);
        policies = new PolicyResolver(config, unrecoverable);
        config.defaultErrorChannel().ifPresent(channel ->
                references.add(new ChannelReference(ReboundConfig.DEFAULT_ERROR_CHANNEL, channel, true)));
    }

    /** A deployment setting; an invalid one is a deployment problem (the fallback only lets the checks go on). */
    private static <T> T setting(Supplier<T> read, T fallback, Consumer<String> problems) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            problems.accept(e.getMessage());
            return fallback;
        }
    }

    /**
     * The asynchronous channels: those of the {@code @Asynchronous} handlers, and those listed in
     * {@code rebound.channels} (queues without a handler here, e.g. a gateway's error channel). Never derived from
     * property names, which an environment variable source may list in another form than their keys.
     */
    private Transports asyncChannels(List<HandlerMethod> handlers,
                                     java.util.function.Function<String, dev.rebound.spi.TransportContext> contexts) {
        Set<String> names = asyncChannelNames; // kept: their consumers' settings are read by these names
        handlers.stream().map(HandlerMethod::asyncChannel).filter(n -> n != null).forEach(names::add);
        names.addAll(config.list(ReboundConfig.CHANNELS));
        Transports found = Transports.select(names, lookup.transportFactories(), config, contexts, problems);
        found.channels().forEach(channels::add);
        return found;
    }

    /** The implementation of a gateway interface, or {@code null} after reporting why it cannot be made. */
    Object gateway(Class<?> type) {
        try {
            Map<Method, EntryPointPolicy> resolved = new HashMap<>();
            for (Method method : type.getMethods()) {
                if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
                    EntryPointPolicy policy = policies.resolve(type, method);
                    resolved.put(method, policy);
                    note(type, method, policy);
                }
            }
            return gateways.create(type, resolved::get);
        } catch (IllegalArgumentException problem) {
            problems.accept(problem.getMessage());
            return null;
        }
    }

    private void note(Class<?> type, Method method, EntryPointPolicy policy) {
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
    List<String> validate() {
        List<String> found = new ArrayList<>();
        ConsumerPolicies consumerPolicies;
        try {
            consumerPolicies = consumerPolicies();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        Set<String> known = new LinkedHashSet<>(channels.names());
        known.addAll(consumerPolicies.errorHandlers().keySet());
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
        for (ErrorHandlerConfiguration handler : consumerPolicies.errorHandlers().values()) {
            String dead = handler.deadLetterChannel();
            usesDeadLetter |= Channels.DEAD_LETTER.equals(dead);
            if (dead != null && !known.contains(dead)) {
                found.add(Diagnostics.unknownErrorChannel("ErrorHandlerConfiguration " + handler.errorChannel(),
                        dead, known));
            }
        }
        for (ConsumerConfiguration consumer : consumerPolicies.consumers().values()) {
            if (consumer.errorChannel() != null && !known.contains(consumer.errorChannel())) {
                found.add(Diagnostics.unknownErrorChannel("consumer " + consumer.channel(), consumer.errorChannel(),
                        known));
            }
        }
        found.addAll(DelayedDeliveryCheck.problems(transports, handlers, asyncChannelNames, consumerPolicies,
                gatewayRetryQueues));
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
        if (found.isEmpty()) {
            inbound = new ConsumerEntry(registry, pipelines, new FailureDecision(consumerPolicies, errorRoute,
                    () -> ThreadLocalRandom.current().nextDouble(), unrecoverable), failureExecutor, consumerPolicies,
                    (id, channel, body, properties, reason) ->
                            deadLetterChannel.savePoison(id, channel, body, properties, reason, clock.instant()));
        }
        return found;
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

    /** Applies {@code rebound.schema} to the JPA store, in a transaction of its own, before the consumers start. */
    void prepareSchema() {
        if (schema == SchemaSetting.NONE || !lookup.canStoreDeadLetters()
                || !(lookup.deadLetterStore() instanceof JpaDeadLetterStore store)) {
            return;
        }
        try {
            transactions.inNewTransaction(() -> {
                store.prepareSchema(schema);
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(Diagnostics.schemaUnreachable(schema.value(), "it failed: " + e), e);
        }
    }

    void startConsumers() {
        consumers.resumeAll();
    }

    void stopConsumers() {
        consumers.pauseAll();
    }

    /** Bulk replays belong to the application: they end with it (after the message in hand, 10 s at most). */
    void stopBulkReplays() {
        deadLetters.stop(10_000);
    }

    Consumers consumers() {
        return consumers;
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }

}
