package dev.rebound.database;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Wakes the consumers of this process right after a transaction that inserted rows commits, so that same-node
 * latency is that of the commit, not of the poll: one {@link Synchronization} per transaction, registered with its
 * first row, remembering the earliest due time per channel. Nothing happens on a rollback.
 */
final class AfterCommit {

    private final Map<Transaction, Map<String, Long>> pending = new ConcurrentHashMap<>();
    private final Function<String, Wakeup> wakeups;

    AfterCommit(Function<String, Wakeup> wakeups) {
        this.wakeups = wakeups;
    }

    /** A row of {@code channel} due at {@code dueAt} was inserted in {@code transaction}. */
    void inserted(Transaction transaction, String channel, long dueAt) throws Exception {
        Map<String, Long> due = pending.get(transaction);
        if (due == null) {
            Map<String, Long> fresh = new HashMap<>();
            transaction.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    Map<String, Long> done = pending.remove(transaction);
                    if (status == Status.STATUS_COMMITTED && done != null) {
                        synchronized (done) {
                            done.forEach((name, at) -> wakeups.apply(name).due(at));
                        }
                    }
                }
            });
            pending.put(transaction, fresh);
            due = fresh;
        }
        synchronized (due) {
            due.merge(channel, dueAt, Math::min);
        }
    }
}
