package dev.rebound.pipeline;

import dev.rebound.core.Delivery;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The replay of a dead letter: claims (removes) the dead letter first, then runs the steps inside, all in one
 * transaction of its own, so either both happen or neither. A second replay of the same dead letter waits for the
 * claim's transaction and then finds the row gone: it throws {@link Gone} before the handler runs (REBOUND-1017).
 * A failed handler rolls the claim back with its own work. Thread-safe.
 */
public final class ReplayClaimStep {

    /** Removes the dead letter in the caller's transaction; whether it was there. */
    @FunctionalInterface
    public interface Claim {
        boolean claim(UUID id);
    }

    private final Pipeline next;
    private final Transactions transactions;
    private final Claim claim;
    private final UnaryOperator<Pipeline> retries;

    public ReplayClaimStep(Pipeline next, Transactions transactions, Claim claim) {
        this(next, transactions, claim, UnaryOperator.identity());
    }

    /**
     * @param retries wraps the claim and its transaction in the optimistic-lock retries: a conflict rolls back
     *     the claim too, and the next attempt claims again in a transaction of its own
     */
    public ReplayClaimStep(Pipeline next, Transactions transactions, Claim claim, UnaryOperator<Pipeline> retries) {
        this.next = next;
        this.transactions = transactions;
        this.claim = claim;
        this.retries = retries;
    }

    /**
     * Replays the dead letter {@code id} as {@code delivery}.
     *
     * @throws Gone if the dead letter is gone (replayed or deleted meanwhile); nothing ran
     * @throws Throwable the handler's failure, after the rollback (the dead letter is still there)
     */
    public Object replay(UUID id, Delivery delivery) throws Throwable {
        // a step per replay (replays are operator actions, not the per-message path)
        Pipeline claimed = retries.apply(attempt -> transactions.inNewTransaction(() -> {
            if (!claim.claim(id)) {
                throw new Gone();
            }
            return next.handle(attempt);
        }));
        return claimed.handle(delivery);
    }

    /** Thrown inside the replay's transaction when the row is gone: rolls it back before the handler runs. */
    public static final class Gone extends RuntimeException {
        public Gone() {
            super(null, null, false, false);
        }
    }
}
