package dev.rebound.pipeline;

import dev.rebound.Message;
import dev.rebound.core.tx.Transactions;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.MessageInterceptor.Relayed;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers what a relay hands on in one transaction ({@code TransportContext.relayed}) and tells the interceptors once
 * when the transaction ends ({@code MessageInterceptor.relayed}): a relay's unit is one batch, so a tracer makes one
 * span linked to each message. Without interceptors a call costs one array read. Never fails the relay: a problem
 * here is logged and the batch told at once. Thread-safe (one entry per open transaction).
 */
public final class RelayedBatches {

    private final Interceptors interceptors;
    private final Transactions transactions;
    private final Clock clock;
    private final Map<Key, Batch> open = new ConcurrentHashMap<>();

    public RelayedBatches(Interceptors interceptors, Transactions transactions, Clock clock) {
        this.interceptors = interceptors;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Key(Transaction transaction, String channel, String target) {
    }

    private final class Batch implements Synchronization {
        private final Key key;
        private final Relayed first;
        // the relay's thread adds, the transaction's completion (perhaps the reaper's thread) reads
        private final List<Message> messages = Collections.synchronizedList(new ArrayList<>());

        Batch(Key key) {
            this.key = key;
            this.first = new Relayed(key.channel(), key.target(), interceptors.transportOf(key.target()), List.of(),
                    clock.instant(), false);
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            open.remove(key);
            tell(status == Status.STATUS_COMMITTED);
        }

        void tell(boolean committed) {
            interceptors.relayed(new Relayed(first.channel(), first.target(), first.transport(), messages,
                    first.started(), committed));
        }
    }

    /** {@code channel}'s relay handed the envelope to {@code target} in the current transaction. */
    public void relayed(String channel, String target, Envelope envelope) {
        if (!interceptors.any()) {
            return;
        }
        try {
            Transaction transaction = transactions.available() ? transactions.manager().getTransaction() : null;
            if (transaction == null) {
                Batch alone = new Batch(new Key(null, channel, target));
                alone.messages.add(envelope.message());
                alone.tell(true);                  // sent at once: nothing to wait for
                return;
            }
            Key key = new Key(transaction, channel, target);
            Batch batch = open.get(key);
            if (batch == null) {
                batch = new Batch(key);
                transaction.registerSynchronization(batch);
                open.put(key, batch);
            }
            batch.messages.add(envelope.message());
        } catch (Exception | LinkageError e) {
            Interceptors.failed(this, e);
        }
    }
}
