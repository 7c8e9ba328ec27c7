package dev.rebound.inmemory;

import dev.rebound.spi.Backlog;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.PayloadCodec;
import dev.rebound.spi.QueueChannel;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The queue of one channel: messages waiting (ordered by when they are due, then by arrival), the ones a
 * consumer has in flight, and the sends of open transactions, which hold a place until they commit. All three
 * count against the capacity, so that memory stays bounded; a full queue refuses a send at once.
 *
 * <p>A message in flight stays here until its consumer settles it or puts it back, so that a test waiting for
 * the channel to be idle never sees a message that is neither waiting nor handled.
 */
final class InMemoryQueue implements QueueChannel {

    /** Delays beyond this are cut, so that the due time in nanoseconds cannot overflow (about 290 years). */
    private static final long MAX_DELAY_MS = TimeUnit.DAYS.toMillis(365L * 100);

    private final String name;
    private final int capacity;
    private final PayloadCodec codec;
    private final Supplier<Optional<TransactionManager>> transactions;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final PriorityQueue<Entry> waiting = new PriorityQueue<>(
            Comparator.comparingLong((Entry e) -> e.dueNanos).thenComparingLong(e -> e.seq));
    private final Set<Entry> inFlight = new HashSet<>();
    private int reserved;
    private long arrivals;

    InMemoryQueue(String name, int capacity, PayloadCodec codec, Supplier<Optional<TransactionManager>> transactions) {
        this.name = name;
        this.capacity = capacity;
        this.codec = codec;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Encodes the payload now (a payload that cannot be written fails the send), then keeps the message: at once,
     * or, inside an active JTA transaction, when it commits (dropped on rollback; its place is held meanwhile).
     */
    @Override
    public void enqueue(Envelope envelope, long delayMs) {
        Stored message = encode(envelope, 0);
        Transaction transaction = activeTransaction();
        if (transaction == null) {
            offer(message, delayMs);
            return;
        }
        reserve();
        try {
            transaction.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    unreserve(status == Status.STATUS_COMMITTED ? message : null, delayMs);
                }
            });
        } catch (RollbackException | SystemException | RuntimeException refused) {
            unreserve(null, 0);
            throw new IllegalStateException(InMemoryDiagnostics.cannotJoinTransaction(name, refused), refused);
        }
    }

    /** A retry or re-send of the transport's own (not part of a transaction: the consumer's unit is this queue). */
    void offer(Envelope envelope, long delayMs, int resends) {
        offer(encode(envelope, resends), delayMs);
    }

    /** Keeps a message at once. */
    void offer(Stored message, long delayMs) {
        lock.lock();
        try {
            if (size() >= capacity) {
                throw full();
            }
            add(new Entry(arrivals++, message), delayMs);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first message that is due, now in flight; waits up to {@code timeoutMs} for one, or until
     * {@code running} turns false (checked on each wake-up); {@code null} if none came.
     */
    Entry take(long timeoutMs, BooleanSupplier running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lockInterruptibly();
        try {
            while (running.getAsBoolean()) {
                long now = System.nanoTime();
                Entry head = waiting.peek();
                if (head != null && head.dueNanos - now <= 0) {
                    waiting.poll();
                    inFlight.add(head);
                    head.deliveries++;
                    return head;
                }
                long wait = deadline - now;
                if (wait <= 0) {
                    return null;
                }
                arrived.awaitNanos(head == null ? wait : Math.min(wait, head.dueNanos - now));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The message in flight is done with (handled, forwarded, dead-lettered, dropped). */
    void settle(Entry entry) {
        lock.lock();
        try {
            inFlight.remove(entry);
        } finally {
            lock.unlock();
        }
    }

    /** The message in flight goes back, to be taken again after {@code delayMs}; it keeps its place in capacity. */
    void putBack(Entry entry, long delayMs) {
        lock.lock();
        try {
            if (inFlight.remove(entry)) {
                add(entry, delayMs);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing waits, is in flight or is about to commit. */
    boolean idle() {
        lock.lock();
        try {
            return size() == 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The depth (waiting, delayed, in flight, about to commit) and how long the first due waiting message has
     * waited since it became due: counted under the lock, no copy, so cheap enough for every scrape.
     */
    Backlog backlog() {
        lock.lock();
        try {
            Entry first = waiting.peek();
            long late = first == null ? 0 : System.nanoTime() - first.dueNanos;
            return new Backlog(name, size(), Duration.ofNanos(Math.max(0, late)), Instant.now());
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting (delayed ones included) and in flight. */
    List<WaitingMessage> messages() {
        lock.lock();
        try {
            long now = System.nanoTime();
            List<WaitingMessage> all = new ArrayList<>();
            for (Entry entry : inFlight) {
                all.add(view(entry, now, true));
            }
            List<Entry> ordered = new ArrayList<>(waiting);
            ordered.sort(waiting.comparator());
            for (Entry entry : ordered) {
                all.add(view(entry, now, false));
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Removes every waiting message (not those in flight); returns how many. */
    int purge() {
        lock.lock();
        try {
            int purged = waiting.size();
            waiting.clear();
            return purged;
        } finally {
            lock.unlock();
        }
    }

    private Stored encode(Envelope envelope, int resends) {
        Object payload = envelope.message().payload();
        return new Stored(UUID.randomUUID(), codec.write(payload), codec.typeName(payload),
                envelope.message().headers(), envelope.handler(), envelope.kind(), envelope.attempt(),
                envelope.origin(), resends);
    }

    private Transaction activeTransaction() {
        Optional<TransactionManager> manager = transactions.get();
        if (manager.isEmpty()) {
            return null;
        }
        try {
            return manager.get().getStatus() == Status.STATUS_NO_TRANSACTION ? null : manager.get().getTransaction();
        } catch (SystemException e) {
            throw new IllegalStateException(InMemoryDiagnostics.transactionUnreadable(name), e);
        }
    }

    private void reserve() {
        lock.lock();
        try {
            if (size() >= capacity) {
                throw full();
            }
            reserved++;
        } finally {
            lock.unlock();
        }
    }

    /** A held place ends: the committed message takes it, or it is freed. */
    private void unreserve(Stored committed, long delayMs) {
        lock.lock();
        try {
            reserved--;
            if (committed != null) {
                add(new Entry(arrivals++, committed), delayMs);
            }
        } finally {
            lock.unlock();
        }
    }

    private void add(Entry entry, long delayMs) {
        entry.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(Math.max(0, delayMs),
                MAX_DELAY_MS));
        waiting.add(entry);
        arrived.signalAll();
    }

    private int size() {
        return waiting.size() + inFlight.size() + reserved;
    }

    private IllegalStateException full() {
        return new IllegalStateException(InMemoryDiagnostics.full(name, capacity));
    }

    private static WaitingMessage view(Entry entry, long now, boolean inFlight) {
        Stored m = entry.message;
        return new WaitingMessage(m.id(), m.headers() == null ? null : m.headers().messageId(), m.payloadType(),
                m.body(), m.handler(), m.attempt(), entry.deliveries,
                inFlight ? Duration.ZERO : Duration.ofNanos(Math.max(0, entry.dueNanos - now)), inFlight);
    }

    /**
     * A message on the queue with what its consumers learnt about it. Fields other than the message are guarded
     * by the queue's lock while it waits, and owned by its consumer while in flight.
     */
    static final class Entry {

        final long seq;
        final Stored message;
        long dueNanos;
        int deliveries;
        /** Failures in a row to carry out its outcome, for the growing pause. */
        int failures;
        /** An outcome decided but not yet carried out (that failed): the handler does not run again. */
        dev.rebound.spi.Outcome pending;

        Entry(long seq, Stored message) {
            this.seq = seq;
            this.message = message;
        }
    }
}
