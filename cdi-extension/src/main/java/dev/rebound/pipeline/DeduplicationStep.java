package dev.rebound.pipeline;

import dev.rebound.Message;
import dev.rebound.core.ConcurrentClaimException;
import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;
import dev.rebound.dedup.DedupHash;
import dev.rebound.dedup.DedupKey;
import dev.rebound.dedup.DedupStore;
import dev.rebound.dedup.ExpressionKey;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The claim of a {@code @Deduplicated} handler's key, first, in the handler's own transaction, before the handler
 * (and its interceptors) run: a key claimed already (and committed) means a duplicate, acknowledged without calling
 * the handler (REBOUND-1070, counted); otherwise the key is held by this transaction and commits or rolls back with
 * the handler's work, so that a failed attempt records nothing and its retries and replays run the handler. Each
 * attempt (an optimistic-lock retry, an instant retry, a redelivery) runs in a fresh transaction and claims again.
 *
 * <p>One per deduplicated handler or gateway method, built at deployment; the per-message work is the key, one
 * hash and one statement. For a handler the dispatch step calls {@link #claim}; for a gateway method it is a step
 * ({@link #handle}) inside the gateway's transaction. Thread-safe.
 */
public final class DeduplicationStep implements Pipeline {

    private static final Logger LOG = Logger.getLogger(DeduplicationStep.class.getName());

    private final String scope;
    private final DedupKey key;
    private final DedupStore store;
    private final Transactions transactions;
    private final Supplier<Clock> clock;
    private final Pipeline next;
    private final LongAdder duplicates = new LongAdder();

    /**
     * @param scope the handler's id, the gateway method, or the tracking name
     * @param clock the time keys are claimed at (an application's {@code Clock} bean, if any)
     * @param next the steps inside, for a gateway method; {@code null} for a handler
     */
    public DeduplicationStep(String scope, DedupKey key, DedupStore store, Transactions transactions,
                             Supplier<Clock> clock, Pipeline next) {
        this.scope = scope;
        this.key = key;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.next = next;
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        return claim(delivery) ? next.handle(delivery) : null;
    }

    /**
     * Claims the delivery's key in the current transaction: true if the handler is to run, false for a duplicate.
     *
     * @throws IllegalStateException no transaction (REBOUND-1071), no key (REBOUND-1072)
     * @throws ConcurrentClaimException another transaction inserted the same key at the same moment (REBOUND-1076)
     */
    public boolean claim(Delivery delivery) throws Throwable {
        Message message = delivery.message();
        if (!transactions.active()) {
            throw new IllegalStateException(Diagnostics.deduplicationWithoutTransaction(scope, delivery.origin()));
        }
        String value;
        try {
            value = key.of(message);
        } catch (ExpressionKey.KeyFailure failure) {
            throw new IllegalStateException(Diagnostics.deduplicationExpressionFailed(scope, failure.getMessage(),
                    failure.getCause()), failure.getCause());
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(Diagnostics.deduplicationKeyMissing(scope, key.describe(),
                    message.headers().messageId()));
        }
        boolean claimed;
        try {
            claimed = store.claim(DedupHash.of(scope, value), clock.get().millis());
        } catch (DedupStore.Race race) {
            throw new ConcurrentClaimException(Diagnostics.deduplicationRace(scope, message.headers().messageId()),
                    race);
        }
        if (!claimed) {
            duplicates.increment();
            if (LOG.isLoggable(Level.INFO)) {
                LOG.log(Level.INFO, Diagnostics.DUPLICATE, new Object[] {message.headers().messageId(), scope,
                        delivery.origin()});
            }
        }
        return claimed;
    }

    public String scope() {
        return scope;
    }

    /** The duplicates acknowledged since deployment. */
    public long duplicates() {
        return duplicates.sum();
    }
}
