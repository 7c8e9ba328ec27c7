package dev.rebound.jms;

import dev.rebound.core.async.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outcomes of failed messages waiting for the message to come back. When the handler runs in the same JTA
 * transaction as the receive, a failure must roll that transaction back (the handler's database work goes),
 * which also puts the message back on the queue; the failure is then routed with no transaction active, and
 * what must happen to the message (re-send with a delay, acknowledge, ...) is kept here, keyed by the JMS
 * message id, and carried out in a new transaction when the broker delivers the message again. NServiceBus
 * counts its immediate retries the same way. Entries are kept for a bounded number of messages: an evicted
 * or lost one (another server got the redelivery, or this process died) only means the handler runs once
 * more. Thread-safe.
 */
final class PendingOutcomes {

    private final Map<String, CompletableFuture<Outcome>> pending;

    PendingOutcomes(int capacity) {
        this.pending = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Outcome>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Marks the message as being routed, before its transaction is rolled back, so that a consumer that gets
     * the redelivery at once waits for the outcome instead of running the handler again.
     */
    synchronized CompletableFuture<Outcome> routing(String messageId) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        pending.put(messageId, outcome);
        return outcome;
    }

    /** Forgets the message: its redelivery runs the handler again. */
    synchronized void forget(String messageId) {
        CompletableFuture<Outcome> outcome = pending.remove(messageId);
        if (outcome != null) {
            outcome.complete(null);
        }
    }

    /**
     * Takes the outcome waiting for the message, waiting up to {@code waitMs} while it is being routed;
     * {@code null} if there is none (the handler is to run).
     */
    Outcome take(String messageId, long waitMs) throws InterruptedException {
        CompletableFuture<Outcome> outcome;
        synchronized (this) {
            outcome = pending.remove(messageId);
        }
        if (outcome == null) {
            return null;
        }
        try {
            return outcome.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    synchronized int size() {
        return pending.size();
    }
}
