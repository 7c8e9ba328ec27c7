package dev.rebound.pipeline;

import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.MessageContext;
import dev.rebound.core.Pipeline;
import dev.rebound.core.OptimisticLockRetry;
import dev.rebound.core.OptimisticLocks;
import dev.rebound.core.tx.Transactions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import dev.rebound.core.HandlerMethod;
import java.util.function.DoubleSupplier;
import dev.rebound.spi.MessageInterceptor.Entry;
import jakarta.transaction.Transactional.TxType;

/**
 * Assembles the pipeline of every entry, once at deployment; every message of an entry goes through the same
 * instance. Outermost first:
 * <ul>
 * <li>a gateway method: error channel, instant retry, optimistic-lock retry, transaction (as its policy asks),
 *     dispatch;</li>
 * <li>a consumer: optimistic-lock retry, its own transaction, dispatch (where a failure goes is decided after the
 *     rollback, {@link ConsumerEntry});</li>
 * <li>the transport's open unit: dispatch, in the unit's transaction (the transport commits or rolls back; an
 *     optimistic-lock conflict comes back as the message's next attempt, {@link ConsumerEntry});</li>
 * <li>a replay: optimistic-lock retry, claim of the dead letter and dispatch in one transaction
 *     ({@link ReplayClaimStep});</li>
 * <li>an internal channel: dispatch, in the sender's thread and transaction.</li>
 * </ul>
 * The dispatch step calls the interceptors around every handler. Thread-safe.
 */
public final class Pipelines {

    private final ChannelRegistry channels;
    private final Transactions transactions;
    private final MessageContext context;
    private final FailureExecutor executor;
    private final Pipeline gatewayDispatch;
    private final Pipeline consumer;
    private final Pipeline unit;
    private final Pipeline internal;
    private final Pipeline replayDispatch;
    private final OptimisticLocks locks;
    private final OptimisticLockRetry lockRetry;
    private final DoubleSupplier random;

    /** Without optimistic-lock retries. */
    public Pipelines(HandlerRegistry registry, ChannelRegistry channels, Transactions transactions,
                     MessageContext context, Interceptors interceptors, FailureExecutor executor) {
        this(registry, channels, transactions, context, interceptors, executor, new OptimisticLocks(List.of()),
                OptimisticLockRetry.DEFAULT.withMaxRetries(0), () -> 0);
    }

    /**
     * @param lockRetry the optimistic-lock retries (with the handlers' own budgets)
     * @param random the back-off's jitter, in [0, 1)
     */
    public Pipelines(HandlerRegistry registry, ChannelRegistry channels, Transactions transactions,
                     MessageContext context, Interceptors interceptors, FailureExecutor executor,
                     OptimisticLocks locks, OptimisticLockRetry lockRetry, DoubleSupplier random) {
        this(registry, channels, transactions, context, interceptors, executor, locks, lockRetry, random, Map.of());
    }

    /**
     * @param deduplicated the claims of the {@code @Deduplicated} handlers (by identity), made first in the
     *     handler's transaction on every entry
     */
    public Pipelines(HandlerRegistry registry, ChannelRegistry channels, Transactions transactions,
                     MessageContext context, Interceptors interceptors, FailureExecutor executor,
                     OptimisticLocks locks, OptimisticLockRetry lockRetry, DoubleSupplier random,
                     Map<HandlerMethod, DeduplicationStep> deduplicated) {
        this.locks = locks;
        this.lockRetry = lockRetry;
        this.random = random;
        this.channels = channels;
        this.transactions = transactions;
        this.context = context;
        this.executor = executor;
        gatewayDispatch = new DispatchStep(registry, context, channels, interceptors, Entry.GATEWAY, deduplicated);
        // outside the transaction: each optimistic-lock retry gets a transaction of its own
        consumer = lockRetries(new OwnTransactionStep(
                new DispatchStep(registry, context, channels, interceptors, Entry.CONSUMER, deduplicated), transactions), false);
        // the transport's unit joins JTA: the handler runs in it, and the transport rolls it back on a failure
        unit = new DispatchStep(registry, context, channels, interceptors, Entry.UNIT, deduplicated);
        internal = new DispatchStep(registry, context, channels, interceptors, Entry.INTERNAL, deduplicated);
        replayDispatch = new DispatchStep(registry, context, channels, interceptors, Entry.REPLAY, deduplicated);
    }

    /** The pipeline of a gateway method with this policy. */
    public Pipeline gateway(EntryPointPolicy policy) {
        return gateway(policy, UnaryOperator.identity());
    }

    /**
     * The pipeline of a gateway method with this policy; {@code deduplication} wraps its dispatch (inside its
     * transaction) in the claim of its key when it is {@code @Deduplicated}.
     */
    public Pipeline gateway(EntryPointPolicy policy, UnaryOperator<Pipeline> deduplication) {
        Pipeline pipeline = deduplication.apply(gatewayDispatch);
        if (policy.transaction() != null) {
            pipeline = new TransactionStep(pipeline, transactions, policy.transaction(), policy.dontRollbackOn());
        }
        pipeline = gatewayLockRetries(pipeline, policy);
        if (policy.maxRetries() > 0) {
            pipeline = new InstantRetryStep(pipeline, policy.maxRetries(), policy.retryOn(), policy.abortOn(),
                    context, transactions,
                    joinsCallerTransaction(policy.transaction()), executor);
        }
        if (policy.errorChannel() != null) {
            pipeline = new ErrorChannelStep(pipeline, policy.errorChannel(), transactions, executor);
        }
        return pipeline;
    }

    /**
     * The optimistic-lock retries of a gateway, outside its transaction and inside its instant retries (whose
     * budget they do not use): the gateway's own budget ({@code <gateway>[/<method>]/OptimisticLockRetry/maxRetries}).
     */
    private Pipeline gatewayLockRetries(Pipeline pipeline, EntryPointPolicy policy) {
        int budget = policy.optimisticLockRetries() >= 0 ? policy.optimisticLockRetries() : lockRetry.maxRetries();
        if (budget == 0) {
            return pipeline;
        }
        return new ConcurrencyRetryStep(pipeline, locks, lockRetry, delivery -> budget, transactions,
                joinsCallerTransaction(policy.transaction()), executor, random);
    }

    /** The optimistic-lock retries of an entry, with the budget of the handler that failed. */
    private Pipeline lockRetries(Pipeline pipeline, boolean joinsCallerTransaction) {
        if (lockRetry.maxRetries() == 0 && lockRetry.handlers().values().stream().allMatch(n -> n == 0)) {
            return pipeline;
        }
        return new ConcurrencyRetryStep(pipeline, locks, lockRetry,
                delivery -> lockRetry.maxRetries(delivery.currentHandler()), transactions, joinsCallerTransaction,
                executor, random);
    }

    /** What tells an optimistic-lock conflict, for the transports' units (which retry by redelivery). */
    OptimisticLocks locks() {
        return locks;
    }

    OptimisticLockRetry lockRetry() {
        return lockRetry;
    }

    double random() {
        return random.getAsDouble();
    }

    /** A message taken off a queue, in a transaction of its own. */
    public Pipeline consumer() {
        return consumer;
    }

    /** A message taken off a queue, in the transaction the transport has open. */
    public Pipeline unit() {
        return unit;
    }

    /** The internal channel of this name. */
    public InternalChannel internalChannel(String name) {
        return new InternalChannel(name, internal);
    }

    /** The replay of dead letters, each claimed by {@code claim}. */
    public ReplayClaimStep replay(ReplayClaimStep.Claim claim) {
        return new ReplayClaimStep(replayDispatch, transactions, claim, pipeline -> lockRetries(pipeline, false));
    }

    /** The replay of claimed dead letters in batches, one transaction per batch (see {@link ReplayBatchStep}). */
    public ReplayBatchStep replayBatch() {
        return new ReplayBatchStep(replayDispatch, transactions);
    }

    public ChannelRegistry channels() {
        return channels;
    }

    /** Whether an attempt runs in the caller's transaction when the caller has one ({@code null}: not transactional). */
    static boolean joinsCallerTransaction(TxType type) {
        return type == null || type == TxType.REQUIRED || type == TxType.MANDATORY || type == TxType.SUPPORTS;
    }
}
