package dev.rebound.cdi;

import dev.rebound.Deduplicated;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.Header;
import dev.rebound.RetryTemplate;
import dev.rebound.config.ReboundConfig;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.Lazy;
import dev.rebound.core.Pipeline;
import dev.rebound.core.Unrecoverable;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.async.FailurePolicy;
import dev.rebound.core.tx.Transactions;
import dev.rebound.dedup.DedupCleanup;
import dev.rebound.dedup.DedupDialect;
import dev.rebound.dedup.DedupKey;
import dev.rebound.dedup.DedupStore;
import dev.rebound.dedup.ExpressionKey;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.pipeline.DeduplicationStep;
import jakarta.persistence.EntityManager;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code @Deduplicated} for one application: reads the settings and the annotations at deployment, builds one
 * {@link DeduplicationStep} per deduplicated handler and gateway method, checks what they need once the container's
 * beans are known (an EntityManager, a transaction manager, a retention that outlives the delayed retries), and
 * runs the cleanup of expired keys while the application runs.
 */
final class Deduplications {

    static final String RETENTION = "rebound.deduplication.retention";
    static final String CLEANUP_INTERVAL = "rebound.deduplication.cleanup-interval";
    static final String CLEANUP_BATCH = "rebound.deduplication.cleanup-batch";
    static final String CLEANUP_DUTY = "rebound.deduplication.cleanup-duty-percent";
    static final String DATABASE = "rebound.deduplication.database";

    static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    static final int DEFAULT_BATCH = 1_000;
    static final int DEFAULT_DUTY_PERCENT = 10;
    private static final Duration MAX_RETENTION = Duration.ofDays(3650);

    private final BeanLookup lookup;
    private final Transactions transactions;
    private final Consumer<String> problems;
    private final Duration retention;
    private final boolean retentionGiven;
    private final Duration interval;
    private final Supplier<Clock> clock;
    private final DedupStore store;
    private final DedupCleanup cleanup;
    private final Map<HandlerMethod, DeduplicationStep> handlers = new IdentityHashMap<>();
    private final Map<String, DeduplicationStep> gateways = new LinkedHashMap<>();

    Deduplications(ReboundConfig config, BeanLookup lookup, Transactions transactions, Consumer<String> problems) {
        this.lookup = lookup;
        this.transactions = transactions;
        this.problems = problems;
        retentionGiven = config.get(RETENTION).isPresent();
        retention = duration(config, RETENTION, DEFAULT_RETENTION, Duration.ofSeconds(1), MAX_RETENTION);
        interval = duration(config, CLEANUP_INTERVAL, DEFAULT_INTERVAL, Duration.ofSeconds(1), Duration.ofDays(1));
        int batch = number(config, CLEANUP_BATCH, DEFAULT_BATCH, 1, 10_000);
        int duty = number(config, CLEANUP_DUTY, DEFAULT_DUTY_PERCENT, 1, 100);
        String database = config.get(DATABASE).map(String::strip).orElse(null);
        Supplier<DedupDialect> dialect = Lazy.of(() -> dialect(database));
        if (database != null) {
            try {
                DedupDialect.of(database);
            } catch (IllegalArgumentException e) {
                problems.accept(Diagnostics.badDeduplicationSetting(DATABASE, database,
                        "one of postgresql, derby, h2, mysql, oracle, sqlserver"));
            }
        }
        // an application's Clock bean, if any, times the keys (tests move it); else the system's
        clock = Lazy.of(() -> {
            Clock own = lookup.single(Clock.class);
            return own != null ? own : Clock.systemUTC();
        });
        store = new DedupStore(Lazy.of(() -> lookup.single(EntityManager.class)), dialect, batch);
        cleanup = new DedupCleanup(store, transactions, clock, retention, interval, duty);
    }

    private Duration duration(ReboundConfig config, String key, Duration fallback, Duration min, Duration max) {
        String value = config.get(key).map(String::strip).orElse(null);
        if (value == null) {
            return fallback;
        }
        String expected = "an ISO-8601 duration from " + min + " to " + max + " (e.g. P7D, PT36H)";
        try {
            Duration parsed = Duration.parse(value);
            if (parsed.compareTo(min) >= 0 && parsed.compareTo(max) <= 0) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.accept(Diagnostics.badDeduplicationSetting(key, value, expected));
        return fallback;
    }

    private int number(ReboundConfig config, String key, int fallback, int min, int max) {
        String value = config.get(key).map(String::strip).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.accept(Diagnostics.badDeduplicationSetting(key, value, "a whole number from " + min + " to " + max));
        return fallback;
    }

    /** The database's statements: the configured one, else found on a connection, in a transaction of its own. */
    private DedupDialect dialect(String configured) {
        if (configured != null) {
            return DedupDialect.of(configured);
        }
        try {
            return DedupDialect.of(transactions.inNewTransaction(
                    () -> new JpaDeadLetterStore(() -> lookup.single(EntityManager.class)).database()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the step of a handler method if it is {@code @Deduplicated}. */
    void handler(HandlerMethod handler, Method method) {
        Deduplicated annotation = method.getAnnotation(Deduplicated.class);
        if (annotation == null) {
            return;
        }
        String where = handler.id();
        if (handler.kind() == HandlerKind.QUERY) {
            problems.accept(Diagnostics.deduplicatedQuery(where));
            return;
        }
        DedupKey key = key(annotation, where);
        if (key != null) {
            handlers.put(handler, new DeduplicationStep(scope(annotation, where), key, store, transactions, clock,
                    null));
        }
    }

    /**
     * Wraps a gateway method's dispatch in its claim if it is {@code @Deduplicated}, else returns the operator that
     * changes nothing.
     *
     * @throws IllegalArgumentException the deployment problem of a gateway method that cannot be deduplicated
     */
    UnaryOperator<Pipeline> gateway(Class<?> type, Method method, EntryPointPolicy policy) {
        Deduplicated annotation = method.getAnnotation(Deduplicated.class);
        if (annotation == null) {
            return UnaryOperator.identity();
        }
        String where = type.getName() + "#" + method.getName();
        if (policy.transaction() == null) {
            throw new IllegalArgumentException(Diagnostics.deduplicatedGateway(where, "is not @Transactional: the key "
                    + "is claimed in the transaction of the gateway's work, which it must have."));
        }
        if (method.getReturnType().isPrimitive() && method.getReturnType() != void.class) {
            throw new IllegalArgumentException(Diagnostics.deduplicatedGateway(where, "returns "
                    + method.getReturnType() + ", but a duplicate call returns null (without running the handler)."));
        }
        DedupKey key = key(annotation, where);
        if (key == null) {
            return UnaryOperator.identity(); // reported
        }
        if (key == DedupKey.MESSAGE_ID) {
            throw new IllegalArgumentException(Diagnostics.deduplicatedGateway(where, "has no key: a gateway call "
                    + "makes a new message id each time, so the default key would never repeat. Name a header "
                    + "(@Deduplicated(\"orderId\") with a @Header(\"orderId\") parameter or the metadata) or an "
                    + "expression."));
        }
        String header = header(annotation);
        if (header != null && !canHaveHeader(method, header)) {
            throw new IllegalArgumentException(Diagnostics.deduplicatedGateway(where, "is keyed on header '" + header
                    + "', which none of its parameters gives (no @Header(\"" + header + "\") parameter, no metadata "
                    + "Map)."));
        }
        String scope = scope(annotation, where);
        return next -> {
            DeduplicationStep step = new DeduplicationStep(scope, key, store, transactions, clock, next);
            gateways.put(where, step);
            return step;
        };
    }

    private static boolean canHaveHeader(Method method, String header) {
        if (dev.rebound.MessageHeaders.MESSAGE_ID.equals(header)) {
            return false; // new at each call
        }
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (Map.class.isAssignableFrom(types[i])) {
                return true;
            }
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof Header h && h.value().equals(header)) {
                    return true;
                }
            }
        }
        return dev.rebound.MessageHeaders.ROUTING_KEY.equals(header);
    }

    /** The header named by value() or header(), {@code null} if none; reports two different names. */
    private String header(Deduplicated annotation) {
        String value = annotation.value();
        String header = annotation.header();
        if (!value.isEmpty() && !header.isEmpty() && !value.equals(header)) {
            return value + "' and '" + header; // reported by key()
        }
        return !value.isEmpty() ? value : header.isEmpty() ? null : header;
    }

    /** The key of the annotation, or {@code null} after reporting why there is none. */
    private DedupKey key(Deduplicated annotation, String where) {
        String header = header(annotation);
        String expression = annotation.expression();
        if (header != null && header.contains("' and '")) {
            problems.accept(Diagnostics.deduplicationKeySpec(where, "names two headers, '" + header
                    + "' (value and header are the same setting): give one."));
            return null;
        }
        if (header != null && !expression.isEmpty()) {
            problems.accept(Diagnostics.deduplicationKeySpec(where, "has both a header ('" + header
                    + "') and an expression: give one."));
            return null;
        }
        if (header != null) {
            if (header.isBlank() || !header.equals(header.strip())) {
                problems.accept(Diagnostics.deduplicationKeySpec(where, "names the header '" + header
                        + "', which no message can have (blank, or spaces around it)."));
                return null;
            }
            return DedupKey.header(header);
        }
        if (!expression.isEmpty()) {
            if (expression.isBlank()) {
                problems.accept(Diagnostics.deduplicationKeySpec(where, "has a blank expression."));
                return null;
            }
            if (!expressionLanguage(Unrecoverable.applicationLoader())) {
                problems.accept(Diagnostics.deduplicationWithoutExpressionLanguage(where, expression));
                return null;
            }
            try {
                return ExpressionKey.parse(expression);
            } catch (IllegalArgumentException e) {
                problems.accept(Diagnostics.deduplicationExpressionSyntax(where, expression, e.getMessage()));
                return null;
            }
        }
        return DedupKey.MESSAGE_ID;
    }

    /**
     * Whether Jakarta EL can be had, asked without touching {@link ExpressionKey} first: where the EL API is missing,
     * loading that class would fail.
     */
    private static boolean expressionLanguage(ClassLoader loader) {
        try {
            Class.forName("jakarta.el.ExpressionFactory", false, loader);
            return ExpressionKey.available(loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String scope(Deduplicated annotation, String where) {
        return annotation.trackingName().isBlank() ? where : "tracking:" + annotation.trackingName().strip();
    }

    boolean used() {
        return !handlers.isEmpty() || !gateways.isEmpty();
    }

    /** The handlers' steps, for the dispatch steps (by identity). */
    Map<HandlerMethod, DeduplicationStep> handlerSteps() {
        return handlers;
    }

    /**
     * The checks that need the container's beans and the consumers' policies: the EntityManager and transaction
     * manager, and a retention at least as long as every deduplicated handler's delayed retries can last.
     */
    List<String> check(ConsumerPolicies policies) {
        List<String> found = new ArrayList<>();
        if (!used()) {
            return found;
        }
        String where = handlers.isEmpty() ? gateways.keySet().iterator().next()
                : handlers.keySet().iterator().next().id();
        if (!lookup.has(EntityManager.class)) {
            found.add(Diagnostics.deduplicationWithoutDatabase(where, "an EntityManager bean (the JTA persistence "
                    + "context, e.g. @Produces @PersistenceContext EntityManager)"));
        }
        if (!transactions.available()) {
            found.add(Diagnostics.deduplicationWithoutDatabase(where, "a JTA TransactionManager"));
        }
        if (policies != null) {
            for (HandlerMethod handler : handlers.keySet()) {
                checkRetention(handler, policies, found);
            }
        }
        return found;
    }

    private void checkRetention(HandlerMethod handler, ConsumerPolicies policies, List<String> found) {
        if (handler.asyncChannel() == null) {
            return; // runs in its sender's thread: no delayed retry re-sends it
        }
        List<ErrorHandlerConfiguration> retries = new ArrayList<>();
        add(retries, resolve(handler, policies), policies);
        // a gateway's @DelayedRetry may re-send to this channel: counted, whichever channel it reaches
        policies.gateways().values().forEach(policy -> add(retries, policy, policies));
        for (ErrorHandlerConfiguration retry : retries) {
            RetryTemplate template = retry.retryTemplate();
            if (template.maxRetries() < 0) {
                if (!retentionGiven) {
                    found.add(Diagnostics.retentionWithUnlimitedRetries(handler.id(), template.toString()));
                }
                continue;
            }
            Duration horizon = horizon(template);
            if (horizon.compareTo(retention) > 0) {
                found.add(Diagnostics.retentionShorterThanRetries(retention.toString(), handler.id(),
                        horizon.toString(), template.toString()));
            }
        }
    }

    /** The policy a failure of the handler goes by, as {@code FailureDecision} resolves it (without a gateway). */
    private static FailurePolicy resolve(HandlerMethod handler, ConsumerPolicies policies) {
        return policies.resolve(handler.asyncChannel(), null, handler.failurePolicy());
    }

    private static void add(List<ErrorHandlerConfiguration> retries, FailurePolicy policy, ConsumerPolicies policies) {
        if (policy == null) {
            return;
        }
        ErrorHandlerConfiguration retry = policy.delayedRetry() != null ? policy.delayedRetry()
                : policies.errorHandlers().get(policy.errorChannel());
        if (retry != null) {
            retries.add(retry);
        }
    }

    /**
     * The longest a copy can arrive after the first attempt: the sum of the delays of all retries, each at its
     * largest (the multiplier, the cap, the jitter's upper bound).
     */
    static Duration horizon(RetryTemplate template) {
        double total = 0;
        for (int attempt = 1; attempt <= template.maxRetries(); attempt++) {
            total += template.delayAfter(attempt) * (1 + template.jitter());
            if (total >= Long.MAX_VALUE / 2.0) {
                return Duration.ofMillis(Long.MAX_VALUE / 2);
            }
        }
        return Duration.ofMillis((long) Math.ceil(total));
    }

    /** At application start: the database's statements found, then the cleanup started. */
    void start() {
        if (!used()) {
            return;
        }
        store.prepare(); // before the first message, which would otherwise find it in its own transaction
        cleanup.start(lookup.threadFactory());
    }

    void stop() {
        cleanup.stop();
    }

    DedupCleanup cleanup() {
        return cleanup;
    }

    /** The duplicates acknowledged since deployment, by scope. */
    Map<String, Long> duplicates() {
        Map<String, Long> counts = new LinkedHashMap<>();
        handlers.values().forEach(step -> counts.merge(step.scope(), step.duplicates(), Long::sum));
        gateways.values().forEach(step -> counts.merge(step.scope(), step.duplicates(), Long::sum));
        return counts;
    }

    Duration retention() {
        return retention;
    }
}
