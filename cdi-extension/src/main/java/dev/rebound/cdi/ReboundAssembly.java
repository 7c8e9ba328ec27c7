package dev.rebound.cdi;

import dev.rebound.Consumers;
import dev.rebound.DeadLetters;
import dev.rebound.Duplicates;
import dev.rebound.Nodes;
import dev.rebound.config.PolicyResolver;
import dev.rebound.config.ReboundConfig;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.FailureLog;
import dev.rebound.core.Failures;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.Lazy;
import dev.rebound.core.MessageContext;
import dev.rebound.core.NullChannel;
import dev.rebound.core.OptimisticLockRetry;
import dev.rebound.core.OptimisticLocks;
import dev.rebound.core.Unrecoverable;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.gateway.Gateways;
import dev.rebound.core.tx.Transactions;
import dev.rebound.deadletter.DeadLetterChannel;
import dev.rebound.deadletter.DeadLetterCodec;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.deadletter.SchemaSetting;
import dev.rebound.nodes.NodeRegistry;
import dev.rebound.nodes.NodeTable;
import dev.rebound.pipeline.ConsumerEntry;
import dev.rebound.pipeline.ErrorRoute;
import dev.rebound.pipeline.FailureDecision;
import dev.rebound.pipeline.FailureExecutor;
import dev.rebound.pipeline.Interceptors;
import dev.rebound.pipeline.Pipelines;
import dev.rebound.pipeline.RelayedBatches;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.MessageObserver;
import dev.rebound.spi.QueueChannel;
import dev.rebound.transport.ConsumerControl;
import dev.rebound.transport.ContainerTransportContext;
import dev.rebound.transport.JsonPayloadCodec;
import dev.rebound.transport.OrderingKeys;
import dev.rebound.transport.Outboxes;
import dev.rebound.transport.Transports;
import jakarta.json.bind.Jsonb;
import jakarta.persistence.EntityManager;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rebound's object graph for one application, wired once at deployment. Everything that needs a bean
 * instance or a server resource gets it lazily, on first use, so nothing is looked up per call. The checks of
 * what is wired are {@link DeploymentChecks}; what happens at start and stop is {@link ReboundLifecycle}.
 */
final class ReboundAssembly {

    private final Clock clock = Clock.systemUTC();
    private final MessageContext context = new MessageContext(clock);
    private final Failures failures = new Failures(clock);
    private final ChannelRegistry channels = new ChannelRegistry(List.of(new NullChannel()));
    private final ReboundConfig config;
    private final BeanLookup lookup;
    private final Consumer<String> problems;
    private final FailureLog failureLog;
    private final SchemaSetting schema;
    private final Unrecoverable unrecoverable;
    private final DelayedRetries delayedRetries;
    private final HandlerRegistry registry;
    private final OrderingKeys orderingKeys;
    private final Interceptors interceptors;
    private final Transactions transactions;
    private final Deduplications deduplications;
    private final ErrorRoute errorRoute;
    private final FailureExecutor failureExecutor;
    private final Pipelines pipelines;
    private final DeadLetterChannel deadLetterChannel;
    private final DeadLetterService deadLetters;
    private final Transports transports;
    private final ConsumerControl consumers;
    private final NodeRegistry nodes;
    private final Gateways gateways;
    private final PolicyResolver policies;
    private final DeploymentChecks checks;
    private final ReboundLifecycle lifecycle;
    private volatile Inbound inbound;

    ReboundAssembly(ReboundConfig config, BeanLookup lookup, List<ReboundExtension.HandlerBinding> bindings,
                    Consumer<String> problems) {
        this.config = config;
        this.lookup = lookup;
        this.problems = problems;
        // 1. the deployment settings
        failureLog = setting(config::failureLog, FailureLog.DEFAULT, problems);
        schema = setting(() -> SchemaSetting.of(config.get(SchemaSetting.PROPERTY)), SchemaSetting.NONE, problems);
        unrecoverable = setting(config::unrecoverable, Unrecoverable.DEFAULT, problems);
        delayedRetries = new DelayedRetries(config);
        OptimisticLockRetry lockSettings = setting(config::optimisticLockRetry, OptimisticLockRetry.DEFAULT, problems);
        String node = setting(() -> config.node(DeadLetterService.defaultNode()), DeadLetterService.defaultNode(),
                problems);
        java.time.Duration heartbeat = setting(() -> NodeRegistry.heartbeat(config.get(NodeRegistry.HEARTBEAT)),
                java.time.Duration.ofMillis(NodeRegistry.DEFAULT_HEARTBEAT_MS), problems);
        // 2. the handlers, each with its bean instance made on first use
        List<HandlerMethod> handlers = bindHandlers(bindings);
        registry = new HandlerRegistry(handlers);
        registry.problems().forEach(problems);
        OptimisticLockRetry lockRetry = lockSettings.withHandlers(lockRetryOverrides(bindings, lockSettings));
        // 3. the pipelines every message goes through, a message sent to an ordered channel with its key
        orderingKeys = OrderingKeys.read(config, asyncChannelNames(handlers), handlers, problems);
        interceptors = new Interceptors(
                Lazy.of(() -> lookup.allByPriority(MessageInterceptor.class, MessageInterceptor.DEFAULT_PRIORITY)),
                Lazy.of(() -> lookup.all(MessageObserver.class)), this::transportOf, orderingKeys::stamp);
        transactions = new Transactions(lookup::transactionManager);
        deduplications = new Deduplications(config, lookup, transactions, problems);
        for (int i = 0; i < handlers.size(); i++) {
            deduplications.handler(handlers.get(i), bindings.get(i).handler().method());
        }
        errorRoute = new ErrorRoute(channels, failures);
        failureExecutor = new FailureExecutor(channels, errorRoute, interceptors, failureLog);
        pipelines = new Pipelines(registry, channels, transactions, context, interceptors, failureExecutor,
                OptimisticLocks.resolve(Unrecoverable.applicationLoader()), lockRetry,
                () -> ThreadLocalRandom.current().nextDouble(), deduplications.handlerSteps());
        // 4. the dead letter channel and the internal channels
        Supplier<Jsonb> jsonb = Lazy.of(JsonbBuilder::create);
        PayloadTypes payloadTypes = new PayloadTypes(registry.payloadTypes());
        Supplier<DeadLetterStore> store = Lazy.of(lookup::deadLetterStore);
        DeadLetterCodec codec = new DeadLetterCodec(jsonb, payloadTypes);
        deadLetterChannel = new DeadLetterChannel(store, codec, transactions,
                handler -> registry.byId(handler).map(HandlerMethod::asyncChannel).orElse(null), interceptors);
        deadLetters = new DeadLetterService(store, codec, registry, pipelines, transactions, clock,
                interceptors, Lazy.of(lookup::executor), node);
        channels.add(deadLetterChannel);
        registry.internalChannels().forEach(name -> channels.add(pipelines.internalChannel(name)));
        // 5. the asynchronous channels, on their transports
        Set<String> asyncChannelNames = asyncChannelNames(handlers);
        JsonPayloadCodec payloads = new JsonPayloadCodec(jsonb, payloadTypes);
        RelayedBatches relayed = new RelayedBatches(interceptors, transactions, clock);
        transports = Transports.select(asyncChannelNames, lookup.transportFactories(), config,
                name -> new ContainerTransportContext(name, config, lookup::single, payloads, lookup::threadFactory,
                        transactions, lookup::inServer, this::queueOf, relayed), problems);
        transports.channels().forEach(channels::add);
        Outboxes.route(transports, config, channels, problems);
        for (String ordered : orderingKeys.channels()) {
            String problem = transports.ordered(ordered, "rebound.channel." + ordered + "." + OrderingKeys.PROPERTY);
            if (problem != null) {
                problems.accept(problem);
            }
        }
        consumers = new ConsumerControl(transports, () -> inbound);
        // the node registry: this node's heartbeat and consumers in rebound_node, the other nodes read from it
        nodes = new NodeRegistry(node, heartbeat, new NodeTable(Lazy.of(() -> lookup.single(EntityManager.class))),
                transactions, clock, consumers);
        // 6. the gateways (made per interface by gateway(Class)), the checks, start and stop
        gateways = new Gateways((method, policy) -> pipelines.gateway(policy,
                deduplications.gateway(method.getDeclaringClass(), method, policy)), registry, context);
        policies = new PolicyResolver(config, unrecoverable);
        checks = new DeploymentChecks(config, lookup, registry, channels, transports, transactions, handlers,
                asyncChannelNames, delayedRetries);
        lifecycle = new ReboundLifecycle(schema, lookup, transactions, consumers, deadLetters, deduplications, nodes);
    }

    /**
     * A queue channel of the application for a transport (a relay's target, a fallback); {@code null} if none. An
     * asynchronous channel is the one its transport made, not the outbox its senders are routed to (a relay that
     * got the outbox back would write its rows again). Only after deployment.
     */
    private QueueChannel queueOf(String channel) {
        Transports chosen = transports;
        if (chosen == null) {
            throw new IllegalStateException(dev.rebound.core.Diagnostics.queueBeforeDeployment(channel));
        }
        return chosen.transportOf(channel) != null ? chosen.queue(channel) : channels.queue(channel);
    }

    /** The transport of a channel, for the interceptors; none while the transports are being made. */
    private String transportOf(String channel) {
        Transports chosen = transports;
        return chosen == null ? null : chosen.transportOf(channel);
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

    /** The handlers' own optimistic-lock budgets ({@code <class>[/<method>]/OptimisticLockRetry/maxRetries}). */
    private Map<String, Integer> lockRetryOverrides(List<ReboundExtension.HandlerBinding> bindings,
                                                    OptimisticLockRetry global) {
        Map<String, Integer> overrides = new HashMap<>();
        for (ReboundExtension.HandlerBinding binding : bindings) {
            Method method = binding.handler().method();
            Integer own = setting(() -> config.optimisticLockOverride(method.getDeclaringClass(), method,
                    global.maxRetries()), global.maxRetries(), problems);
            if (own != global.maxRetries()) {
                overrides.put(binding.handler().id(), own);
            }
        }
        return overrides;
    }

    private List<HandlerMethod> bindHandlers(List<ReboundExtension.HandlerBinding> bindings) {
        List<HandlerMethod> handlers = new ArrayList<>();
        for (ReboundExtension.HandlerBinding binding : bindings) {
            handlers.add(binding.handler().bind(Lazy.of(() -> lookup.handlerTarget(binding.bean())),
                    setting(() -> delayedRetries.policy(binding.handler()), null, problems)));
        }
        return handlers;
    }

    /**
     * The asynchronous channels: those of the {@code @Asynchronous} handlers, and those listed in
     * {@code rebound.channels} (queues without a handler here, e.g. a gateway's error channel). Never derived from
     * property names, which an environment variable source may list in another form than their keys.
     */
    private Set<String> asyncChannelNames(List<HandlerMethod> handlers) {
        Set<String> names = new LinkedHashSet<>();
        handlers.stream().map(HandlerMethod::asyncChannel).filter(n -> n != null).forEach(names::add);
        names.addAll(config.list(ReboundConfig.CHANNELS));
        return names;
    }

    /** The implementation of a gateway interface, or {@code null} after reporting why it cannot be made. */
    Object gateway(Class<?> type) {
        try {
            Map<Method, EntryPointPolicy> resolved = new HashMap<>();
            for (Method method : type.getMethods()) {
                if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
                    EntryPointPolicy policy = policies.resolve(type, method);
                    resolved.put(method, policy);
                    checks.noteGatewayMethod(type, method, policy);
                }
            }
            return gateways.create(type, resolved::get);
        } catch (IllegalArgumentException problem) {
            problems.accept(problem.getMessage());
            return null;
        }
    }

    /**
     * Runs the {@link DeploymentChecks} (after deployment validation starts, when the container's beans can be
     * looked up); without a problem, wires the entry of the messages the consumers receive.
     */
    List<String> validate() {
        DeploymentChecks.Outcome outcome = checks.run();
        List<String> found = new ArrayList<>(outcome.problems());
        found.addAll(deduplications.check(outcome.policies()));
        if (found.isEmpty()) {
            inbound = consumerEntry(outcome.policies());
        }
        return found;
    }

    private Inbound consumerEntry(ConsumerPolicies consumerPolicies) {
        return new ConsumerEntry(registry, pipelines, new FailureDecision(consumerPolicies, errorRoute,
                () -> ThreadLocalRandom.current().nextDouble(), unrecoverable), failureExecutor, consumerPolicies,
                (id, channel, body, properties, reason) ->
                        deadLetterChannel.savePoison(id, channel, body, properties, reason, clock.instant()));
    }

    ReboundLifecycle lifecycle() {
        return lifecycle;
    }

    Consumers consumers() {
        return consumers;
    }

    /** The {@code @Deduplicated} steps' duplicate counts, read when asked (a metrics collection). */
    Duplicates duplicates() {
        return deduplications::duplicates;
    }

    Nodes nodes() {
        return nodes;
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }
}
