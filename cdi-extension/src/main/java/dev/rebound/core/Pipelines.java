package dev.rebound.core;

import dev.rebound.core.retry.InstantRetryStep;
import dev.rebound.core.tx.TransactionStep;
import dev.rebound.core.tx.Transactions;
import jakarta.transaction.Transactional.TxType;

/**
 * Assembles the pipeline of an entry point, outermost first: error channel, instant retry, transaction,
 * dispatcher. Called once per entry point method at deployment.
 */
public final class Pipelines {

    private final Dispatcher dispatcher;
    private final ChannelRegistry channels;
    private final Transactions transactions;
    private final MessageContext context;
    private final Failures failures;
    private final Observers observers;
    private final FailureLog log;

    public Pipelines(Dispatcher dispatcher, ChannelRegistry channels, Transactions transactions,
                     MessageContext context, Failures failures, Observers observers, FailureLog log) {
        this.observers = observers;
        this.log = log;
        this.dispatcher = dispatcher;
        this.channels = channels;
        this.transactions = transactions;
        this.context = context;
        this.failures = failures;
    }

    public Pipeline build(EntryPointPolicy policy) {
        Pipeline pipeline = dispatcher;
        if (policy.transaction() != null) {
            pipeline = new TransactionStep(pipeline, transactions, policy.transaction(), policy.dontRollbackOn());
        }
        if (policy.retryTimes() > 0) {
            pipeline = new InstantRetryStep(pipeline, policy.retryTimes(), policy.retryOn(), context, observers,
                    transactions, joinsCallerTransaction(policy.transaction()), log);
        }
        if (policy.errorChannel() != null) {
            pipeline = new ErrorChannelStep(pipeline, policy.errorChannel(), channels, failures, transactions, log);
        }
        return pipeline;
    }

    /** Whether an attempt runs in the caller's transaction when the caller has one ({@code null}: not transactional). */
    static boolean joinsCallerTransaction(TxType type) {
        return type == null || type == TxType.REQUIRED || type == TxType.MANDATORY || type == TxType.SUPPORTS;
    }
}
