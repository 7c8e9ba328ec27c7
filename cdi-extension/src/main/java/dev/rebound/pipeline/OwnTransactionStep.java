package dev.rebound.pipeline;

import dev.rebound.core.Delivery;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;

/**
 * The transaction of a message taken off a queue: the steps inside run in a JTA transaction of their own (when
 * there is a transaction manager), committed or rolled back before this returns; the failure passes unchanged,
 * so that the decision where it goes is made with no transaction of the failed work active.
 */
public final class OwnTransactionStep implements Pipeline {

    private final Pipeline next;
    private final Transactions transactions;

    public OwnTransactionStep(Pipeline next, Transactions transactions) {
        this.next = next;
        this.transactions = transactions;
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        if (transactions.available()) {
            return transactions.inNewTransaction(() -> next.handle(delivery));
        }
        return next.handle(delivery);
    }
}
