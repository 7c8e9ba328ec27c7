package dev.rebound.cdi;

import dev.rebound.Channels;
import dev.rebound.DeadLetters;
import dev.rebound.config.PolicyResolver;
import dev.rebound.config.ReboundConfig;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Dispatcher;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.Failures;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.InternalChannel;
import dev.rebound.core.Lazy;
import dev.rebound.core.MessageContext;
import dev.rebound.core.NullChannel;
import dev.rebound.core.Pipelines;
import dev.rebound.core.gateway.Gateways;
import dev.rebound.core.tx.Transactions;
import dev.rebound.deadletter.DeadLetterChannel;
import dev.rebound.deadletter.DeadLetterCodec;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.spi.MessageChannel;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rebound's object graph for one application, wired once at deployment. Everything that needs a bean
 * instance or a server resource gets it lazily, on first use, so nothing is looked up per call.
 */
final class ReboundAssembly {

    private final Clock clock = Clock.systemUTC();
    private final MessageContext context = new MessageContext(clock);
    private final HandlerRegistry registry;
    private final Transactions transactions;
    private final ChannelRegistry channels;
    private final Gateways gateways;
    private final PolicyResolver policies;
    private final DeadLetterService deadLetters;
    private final Consumer<String> problems;
    private boolean usesDeadLetter;
    private boolean usesTransactions;

    ReboundAssembly(ReboundConfig config, BeanLookup lookup, List<ReboundExtension.HandlerBinding> bindings,
                    Consumer<String> problems) {
        this.problems = problems;
        List<HandlerMethod> handlers = new ArrayList<>();
        for (ReboundExtension.HandlerBinding binding : bindings) {
            handlers.add(binding.handler().bind(Lazy.of(() -> lookup.handlerTarget(binding.bean()))));
        }
        registry = new HandlerRegistry(handlers);
        registry.problems().forEach(problems);
        Dispatcher dispatcher = new Dispatcher(registry, context);
        transactions = new Transactions(lookup::transactionManager);

        Supplier<DeadLetterStore> store = Lazy.of(lookup::deadLetterStore);
        DeadLetterCodec codec = new DeadLetterCodec(Lazy.of(JsonbBuilder::create),
                new PayloadTypes(registry.payloadTypes()));
        DeadLetterChannel deadLetterChannel = new DeadLetterChannel(store, codec, transactions);
        deadLetters = new DeadLetterService(store, codec, deadLetterChannel, dispatcher, transactions, clock);

        List<MessageChannel> all = new ArrayList<>(List.of(new NullChannel(), deadLetterChannel));
        registry.internalChannels().forEach(name -> all.add(new InternalChannel(name, dispatcher)));
        channels = new ChannelRegistry(all);

        gateways = new Gateways(new Pipelines(dispatcher, channels, transactions, context, new Failures(clock)),
                registry, context);
        policies = new PolicyResolver(config);
        config.defaultErrorChannel().ifPresent(channel -> checkChannel(ReboundConfig.DEFAULT_ERROR_CHANNEL, channel));
    }

    /** The implementation of a gateway interface, or {@code null} after reporting why it cannot be made. */
    Object gateway(Class<?> type) {
        try {
            Map<Method, EntryPointPolicy> resolved = new HashMap<>();
            for (Method method : type.getMethods()) {
                if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
                    EntryPointPolicy policy = policies.resolve(type, method);
                    resolved.put(method, policy);
                    note(type.getName() + "#" + method.getName(), policy);
                }
            }
            return gateways.create(type, resolved::get);
        } catch (IllegalArgumentException problem) {
            problems.accept(problem.getMessage());
            return null;
        }
    }

    private void note(String where, EntryPointPolicy policy) {
        if (policy.errorChannel() != null) {
            checkChannel(where, policy.errorChannel());
            usesDeadLetter |= Channels.DEAD_LETTER.equals(policy.errorChannel());
        }
        usesTransactions |= policy.transaction() != null;
    }

    private void checkChannel(String where, String channel) {
        if (!channels.names().contains(channel)) {
            problems.accept(Diagnostics.unknownErrorChannel(where, channel, channels.names()));
        }
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }

    Transactions transactions() {
        return transactions;
    }

    boolean usesDeadLetter() {
        return usesDeadLetter;
    }

    boolean usesTransactions() {
        return usesTransactions;
    }
}
