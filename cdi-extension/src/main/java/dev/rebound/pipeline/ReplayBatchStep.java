package dev.rebound.pipeline;

import dev.rebound.core.Delivery;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The replay of a batch of claimed dead letters in one transaction of its own: the claim first (the batch's rows
 * removed, holding them until the transaction ends), then each delivery through the replay's dispatch, then the
 * commit. Either all of them happen or none: a handler that fails, a claim that finds a row gone or taken over, or
 * a failed commit rolls the whole batch back, and the caller replays its messages one by one ({@link ReplayClaimStep})
 * so that a failing message does not take its batch-mates' successes with it. JTA has no savepoints, hence the
 * fallback rather than a partial commit. Thread-safe.
 */
public final class ReplayBatchStep {

    private final Pipeline next;
    private final Transactions transactions;

    ReplayBatchStep(Pipeline next, Transactions transactions) {
        this.next = next;
        this.transactions = transactions;
    }

    /**
     * Replays {@code deliveries}, whose dead letters {@code claim} removes (true if it removed all of them).
     *
     * @throws ReplayClaimStep.Gone if a dead letter was gone or no longer claimed by the caller; nothing ran
     * @throws Failed if a handler failed (the transaction rolled back)
     * @throws Throwable the failure of the commit; the transaction rolled back
     */
    public void replay(List<Delivery> deliveries, BooleanSupplier claim) throws Throwable {
        transactions.inNewTransaction(() -> {
            if (!claim.getAsBoolean()) {
                throw new ReplayClaimStep.Gone();
            }
            for (int i = 0; i < deliveries.size(); i++) {
                try {
                    next.handle(deliveries.get(i));
                } catch (Throwable failure) {
                    throw new Failed(i, failure);
                }
            }
            return null;
        });
    }

    /** A handler of the batch failed: which delivery, and its failure; the batch rolled back. */
    public static final class Failed extends Exception {
        private final int index;

        Failed(int index, Throwable failure) {
            super(failure);
            this.index = index;
        }

        /** The failed delivery's position in the batch. */
        public int index() {
            return index;
        }
    }
}
