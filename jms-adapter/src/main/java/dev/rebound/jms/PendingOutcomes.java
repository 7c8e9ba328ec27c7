package dev.rebound.jms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decisions for failed messages waiting for the message to come back. When the handler runs in the same JTA
 * transaction as the receive, a failure must roll that transaction back (the handler's database work goes),
 * which also puts the message back on the queue; the failure is then routed with no transaction active, and
 * what must happen to the message (re-send with a delay, store as a dead letter, ...) is kept here and carried
 * out in the unit of the redelivery, together with its acknowledgement. NServiceBus counts its immediate retries
 * the same way. A decision whose carrying out failed is kept here too, in every mode, so that the redelivery does
 * not run the handler again.
 *
 * <p>Keys are the JMS message id, or the Rebound envelope's (message id, handler, attempt) when the provider
 * gives none. Entries are {@link Decision}s without payloads, bounded by count and by size: an evicted or lost
 * one (this process died, or another node's announcement never came) only means the handler runs once more, which
 * the delivery count limit bounds. With several nodes on one broker, the entries of the others' failures come
 * from {@link SharedDecisions}: announced ({@link #routingElsewhere}), then decided ({@link #decidedElsewhere}), so
 * that the node that gets the redelivery carries out the decision of the node that routed the failure. Thread-safe.
 */
final class PendingOutcomes {

    /** A decision being made or made; {@code size} counts once it is made. */
    static final class Entry {
        private final CompletableFuture<Decision> decision = new CompletableFuture<>();
        private int size;
        /** Announced by another node ({@link SharedDecisions}): its decision comes from there. */
        private boolean elsewhere;
    }

    private final int capacity;
    private final long maxChars;
    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private long chars;
    /** Read without the lock by consumers that only look here after a failure (local mode's happy path). */
    private volatile boolean empty = true;

    /** Up to {@code capacity} decisions and about 8 million characters of failure texts (16 MB). */
    PendingOutcomes(int capacity) {
        this(capacity, 8_000_000);
    }

    PendingOutcomes(int capacity, long maxChars) {
        this.capacity = capacity;
        this.maxChars = maxChars;
    }

    /**
     * Marks the message as being routed, before its transaction is rolled back, so that a consumer that gets
     * the redelivery at once waits for the decision instead of running the handler again.
     */
    synchronized Entry routing(String key) {
        Entry entry = new Entry();
        replace(key, entry);
        return entry;
    }

    /** The decision for a message marked by {@link #routing}. */
    void decided(String key, Entry entry, Decision decision) {
        Decision kept = decision == null ? null : decision.kept();
        synchronized (this) {
            if (kept != null && pending.get(key) == entry) {
                entry.size = kept.size();
                chars += entry.size;
                evict(entry);
            }
        }
        entry.decision.complete(kept);
    }

    /** Keeps a decision for the message's next delivery (its carrying out failed and was rolled back). */
    void keep(String key, Decision decision) {
        Entry entry = new Entry();
        Decision kept = decision.kept();
        entry.decision.complete(kept);
        entry.size = kept.size();
        synchronized (this) {
            replace(key, entry);
            chars += entry.size;
            evict(entry);
        }
    }

    /**
     * Another node routes the message's failure ({@link SharedDecisions}): a consumer here that gets the
     * redelivery waits for that node's decision. A decision of this node's own is kept.
     */
    void routingElsewhere(String key) {
        synchronized (this) {
            if (pending.containsKey(key)) {
                return;
            }
            Entry entry = new Entry();
            entry.elsewhere = true;
            replace(key, entry);
        }
    }

    /** Another node's decision for the message; one of this node's own, made or being made, is kept. */
    void decidedElsewhere(String key, Decision decision) {
        Entry announced;
        synchronized (this) {
            announced = pending.get(key);
            if (announced != null && !announced.elsewhere) {
                return;
            }
            if (announced == null || announced.decision.isDone()) {
                announced = new Entry();
                announced.elsewhere = true;
                replace(key, announced);
            }
            announced.size = decision.size();
            chars += announced.size;
            evict(announced);
        }
        announced.decision.complete(decision);
    }

    /**
     * Several nodes: the message came again ({@code JMSXDeliveryCount} above 1) and nothing is kept for it here;
     * waits up to {@code graceMs} for another node to announce it, then as {@link #take}.
     */
    Decision takeAnnounced(String key, long graceMs, long waitMs) throws InterruptedException {
        long end = System.nanoTime() + graceMs * 1_000_000;
        synchronized (this) {
            long left;
            while (!pending.containsKey(key) && (left = (end - System.nanoTime()) / 1_000_000) > 0) {
                wait(left);
            }
        }
        return take(key, waitMs);
    }

    /** Forgets the message: its redelivery runs the handler again. */
    void forget(String key) {
        Entry entry;
        synchronized (this) {
            entry = remove(key);
        }
        if (entry != null) {
            entry.decision.complete(null);
        }
    }

    /** Whether nothing is kept: a consumer that only looks here after failures can skip the lookup. */
    boolean isEmpty() {
        return empty;
    }

    /**
     * Takes the decision waiting for the message, waiting up to {@code waitMs} while it is being routed;
     * {@code null} if there is none (the handler is to run).
     */
    Decision take(String key, long waitMs) throws InterruptedException {
        Entry entry;
        synchronized (this) {
            entry = pending.get(key);
            if (entry == null) {
                return null;
            }
            if (!entry.elsewhere || entry.decision.isDone()) {
                remove(key);
            }
            // announced by another node and not decided yet: it stays, so that the decision finds it
        }
        try {
            return entry.decision.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } finally {
            synchronized (this) {
                if (pending.get(key) == entry) {
                    remove(key);
                }
            }
        }
    }

    synchronized int size() {
        return pending.size();
    }

    synchronized long chars() {
        return chars;
    }

    private void replace(String key, Entry entry) {
        Entry old = remove(key);
        if (old != null) {
            old.decision.complete(null);
        }
        pending.put(key, entry);
        empty = false;
        evict(entry);
        notifyAll();
    }

    private Entry remove(String key) {
        Entry entry = pending.remove(key);
        if (entry != null) {
            chars -= entry.size;
        }
        empty = pending.isEmpty();
        return entry;
    }

    /** Drops the eldest entries (not {@code keep}) while over the count or the size. */
    private void evict(Entry keep) {
        Iterator<Entry> eldest = pending.values().iterator();
        while ((pending.size() > capacity || chars > maxChars) && eldest.hasNext()) {
            Entry entry = eldest.next();
            if (entry == keep) {
                continue;
            }
            eldest.remove();
            chars -= entry.size;
            entry.decision.complete(null);
        }
        empty = pending.isEmpty();
    }
}
