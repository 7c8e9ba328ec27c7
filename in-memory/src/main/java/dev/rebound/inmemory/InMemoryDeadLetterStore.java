package dev.rebound.inmemory;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailedAttempt;
import dev.rebound.FailureGroup;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Dead letters in memory, for tests and single-process demos: an application selects it explicitly, as its
 * {@link DeadLetterStore} bean, which replaces Rebound's JPA store ({@code @Produces DeadLetterStore store = new
 * InMemoryDeadLetterStore();}). Everything is lost when the JVM stops, and nothing bounds it: it holds every dead
 * letter until deleted or replayed. Filters, order (first failure, then id as text), groups and statistics mean what
 * they mean for the JPA store, times are kept to the millisecond as there; the same contract test covers both.
 *
 * <p>Transactions: inside an active JTA transaction a write joins it. {@link #save} and {@link #recordFailure} take
 * effect when it commits (nothing on rollback; a transaction does not read its own saves); {@link #delete} (a
 * replay's claim) takes the matching dead letters at once, so that a concurrent delete or claim of them takes
 * nothing, and removes them when the transaction commits or gives them back when it rolls back (a save of a taken
 * dead letter meanwhile waits for that). The transaction is found through the {@link TransactionSynchronizationRegistry}
 * given, or else the one in JNDI ({@code java:comp/TransactionSynchronizationRegistry}), or else the application's
 * {@link TransactionManager} bean. Without any (REBOUND-3077 says so once) or outside a transaction every write takes
 * effect at once and a rollback undoes nothing: a replay whose handler fails then loses the claimed dead letter's
 * new failure and the dead letter itself, so give it a transaction manager wherever replays run.
 *
 * <p>Thread-safe: every operation holds the store's lock for its duration (reads copy out what they return).
 */
public final class InMemoryDeadLetterStore implements DeadLetterStore {

    private static final Logger LOG = Logger.getLogger(InMemoryDeadLetterStore.class.getName());

    /** Ordered by (first failure, id as text): the JPA store's order, where the id is a text column. */
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::failedAt).thenComparing(Key::id);

    private final TreeMap<Key, Entry> entries = new TreeMap<>(ORDER);
    private final Map<UUID, Key> keys = new HashMap<>();
    private final Map<Object, Pending> pending = new ConcurrentHashMap<>();
    private final Transactions source;
    private volatile Transactions found;

    /** A store that finds the transaction in JNDI or CDI on first use (see the class comment). */
    public InMemoryDeadLetterStore() {
        this.source = null;
    }

    /** A store that joins the transactions of this registry. */
    public InMemoryDeadLetterStore(TransactionSynchronizationRegistry registry) {
        this.source = Transactions.of(Objects.requireNonNull(registry, "registry"));
    }

    /** A store that joins the transactions of this manager. */
    public InMemoryDeadLetterStore(TransactionManager manager) {
        this.source = Transactions.of(Objects.requireNonNull(manager, "manager"));
    }

    @Override
    public void save(DeadLetterRecord record) {
        DeadLetterRecord kept = millis(record);
        Pending tx = joined();
        synchronized (this) {
            if (tx == null) {
                apply(kept);
            } else {
                tx.saves.add(kept);
            }
        }
    }

    @Override
    public boolean recordFailure(DeadLetterRecord record) {
        DeadLetterRecord kept = millis(record);
        Pending tx = joined();
        synchronized (this) {
            Entry entry = entry(kept.id());
            if (entry == null || entry.takenBy != null) {
                return false;                  // gone, or taken by a claim: as good as gone
            }
            if (tx == null) {
                update(kept);
            } else {
                tx.updates.add(kept);
            }
            return true;
        }
    }

    @Override
    public synchronized Optional<DeadLetterRecord> find(UUID id) {
        Entry entry = entry(id);
        return entry == null ? Optional.empty() : Optional.of(entry.record);
    }

    @Override
    public synchronized List<DeadLetterRecord> page(DeadLetterFilter filter, DeadLetterCursor after, int limit,
                                                    boolean newestFirst) {
        NavigableMap<Key, Entry> range = entries;
        if (after != null) {
            Key cursor = new Key(after.failedAt().truncatedTo(ChronoUnit.MILLIS), after.id().toString());
            range = newestFirst ? entries.headMap(cursor, false) : entries.tailMap(cursor, false);
        }
        Iterable<Entry> ordered = newestFirst ? range.descendingMap().values() : range.values();
        Predicate<DeadLetterRecord> matches = matcher(filter);
        List<DeadLetterRecord> found = new ArrayList<>();
        for (Entry entry : ordered) {
            if (found.size() >= limit) {
                break;
            }
            if (matches.test(entry.record)) {
                found.add(entry.record);
            }
        }
        return found;
    }

    @Override
    public synchronized long count(DeadLetterFilter filter) {
        Predicate<DeadLetterRecord> matches = matcher(filter);
        return entries.values().stream().filter(e -> matches.test(e.record)).count();
    }

    @Override
    public int delete(DeadLetterFilter filter) {
        Pending tx = joined();
        synchronized (this) {
            Predicate<DeadLetterRecord> matches = matcher(filter);
            List<Entry> taken = new ArrayList<>();
            for (Entry entry : entries.values()) {
                if (entry.takenBy == null && matches.test(entry.record)) {
                    taken.add(entry);
                }
            }
            for (Entry entry : taken) {
                if (tx == null) {
                    remove(entry.record.id());
                } else {
                    entry.takenBy = tx;
                    tx.taken.add(entry.record.id());
                }
            }
            return taken.size();
        }
    }

    @Override
    public synchronized List<FailureGroup> groups(DeadLetterFilter filter) {
        Predicate<DeadLetterRecord> matches = matcher(filter);
        Map<GroupKey, FailureGroup> groups = new LinkedHashMap<>();
        for (Entry entry : entries.values()) {
            DeadLetterRecord r = entry.record;
            if (!matches.test(r)) {
                continue;
            }
            GroupKey key = new GroupKey(r.fingerprint(), r.failure().exceptionClass(), r.handler(),
                    r.failure().site());
            groups.merge(key, new FailureGroup(key.fingerprint(), key.exceptionClass(), key.handler(), key.site(),
                    1, r.failedAt(), r.lastFailedAt()), (a, b) -> new FailureGroup(a.fingerprint(),
                    a.exceptionClass(), a.handler(), a.failureSite(), a.count() + 1,
                    min(a.firstFailedAt(), b.firstFailedAt()), max(a.lastFailedAt(), b.lastFailedAt())));
        }
        List<FailureGroup> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparingLong(FailureGroup::count).reversed()
                .thenComparing(FailureGroup::lastFailedAt, Comparator.reverseOrder()));
        return sorted;
    }

    @Override
    public synchronized DeadLetterStats stats() {
        Map<String, Long> channels = new LinkedHashMap<>();
        for (Entry entry : entries.values()) {
            channels.merge(entry.record.channel(), 1L, Long::sum);
        }
        List<DeadLetterStats.ChannelCount> counts = new ArrayList<>();
        channels.forEach((channel, count) -> counts.add(new DeadLetterStats.ChannelCount(channel, count)));
        counts.sort(Comparator.comparingLong(DeadLetterStats.ChannelCount::count).reversed());
        return new DeadLetterStats(entries.size(), entries.isEmpty() ? null : entries.firstKey().failedAt(), counts);
    }

    /** Records a failure on an existing record only, never bringing back one deleted meanwhile; holds the lock. */
    private void update(DeadLetterRecord r) {
        Entry entry = entry(r.id());
        if (entry != null && entry.takenBy != null) {
            entry.waitingUpdates.add(r);       // after the claim: on the record if it is given back
        } else if (entry != null) {
            apply(r);
        }
    }

    /** Stores or merges a failure, as {@link #save} describes; holds the lock. */
    private void apply(DeadLetterRecord r) {
        Entry entry = entry(r.id());
        if (entry != null && entry.takenBy != null) {
            entry.waitingSaves.add(r);         // after the claim: on the record again, or a new one
            return;
        }
        if (entry == null) {
            Key key = new Key(r.failedAt(), r.id().toString());
            keys.put(r.id(), key);
            entries.put(key, new Entry(r.withHistory(List.of(r.asAttempt()))));
            return;
        }
        DeadLetterRecord old = entry.record;
        List<FailedAttempt> history = new ArrayList<>(old.history());
        history.add(r.asAttempt());
        entry.record = new DeadLetterRecord(old.id(), old.messageId(), old.payloadType(), old.body(), old.headers(),
                r.failure(), old.handler(), old.origin(), old.attempts() + r.attempts(), old.failedAt(),
                r.lastFailedAt(), old.note(), old.channel(), r.fingerprint(),
                history.subList(Math.max(0, history.size() - FailedAttempt.MAX_KEPT), history.size()));
    }

    private Entry entry(UUID id) {
        Key key = keys.get(id);
        return key == null ? null : entries.get(key);
    }

    private void remove(UUID id) {
        Key key = keys.remove(id);
        if (key != null) {
            entries.remove(key);
        }
    }

    /** The end of a joined transaction: its writes take effect, or its claims are given back. */
    private synchronized void completed(Pending tx, boolean committed) {
        pending.remove(tx.key);
        for (UUID id : tx.taken) {
            Entry entry = entry(id);
            if (entry == null || entry.takenBy != tx) {
                continue;
            }
            List<DeadLetterRecord> saves = entry.waitingSaves;
            List<DeadLetterRecord> updates = entry.waitingUpdates;
            entry.waitingSaves = new ArrayList<>();
            entry.waitingUpdates = new ArrayList<>();
            if (committed) {
                remove(id);            // the updates that waited for it find nothing, as on a database
            } else {
                entry.takenBy = null;
                updates.forEach(this::update);
            }
            saves.forEach(this::apply);
        }
        if (committed) {
            tx.saves.forEach(this::apply);
            tx.updates.forEach(this::update);
        }
    }

    /** The state of the caller's active transaction, joined on first use; {@code null} outside one. */
    private Pending joined() {
        Transactions transactions = transactions();
        Object key = transactions.activeKey();
        if (key == null) {
            return null;
        }
        Pending existing = pending.get(key);
        if (existing != null) {
            return existing;
        }
        Pending created = new Pending(key);
        try {
            transactions.register(key, new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    completed(created, status == Status.STATUS_COMMITTED);
                }
            });
        } catch (Exception | LinkageError refused) {
            throw new IllegalStateException(InMemoryDiagnostics.storeCannotJoin(refused), refused);
        }
        pending.put(key, created);
        return created;
    }

    private Transactions transactions() {
        if (source != null) {
            return source;
        }
        Transactions known = found;
        if (known == null) {
            known = Transactions.find();
            found = known;
        }
        return known;
    }

    private static Predicate<DeadLetterRecord> matcher(DeadLetterFilter f) {
        Long from = f.from() == null ? null : f.from().toEpochMilli();
        Long to = f.to() == null ? null : f.to().toEpochMilli();
        return r -> (f.channel() == null || f.channel().equals(r.channel()))
                && (f.handler() == null || f.handler().equals(r.handler()))
                && (f.exceptionClass() == null || f.exceptionClass().equals(r.failure().exceptionClass()))
                && (f.fingerprint() == null || f.fingerprint().equals(r.fingerprint()))
                && (from == null || r.failedAt().toEpochMilli() >= from)
                && (to == null || r.failedAt().toEpochMilli() <= to)
                && (f.messageId() == null || f.messageId().equals(r.messageId()))
                && (f.id() == null || f.id().equals(r.id()));
    }

    /** Times to the millisecond, as the JPA store keeps them, so that both stores answer the same. */
    private static DeadLetterRecord millis(DeadLetterRecord r) {
        return new DeadLetterRecord(r.id(), r.messageId(), r.payloadType(), r.body(), r.headers(), r.failure(),
                r.handler(), r.origin(), r.attempts(), r.failedAt().truncatedTo(ChronoUnit.MILLIS),
                r.lastFailedAt().truncatedTo(ChronoUnit.MILLIS), r.note(), r.channel(), r.fingerprint(), List.of());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private record Key(Instant failedAt, String id) {
    }

    private record GroupKey(String fingerprint, String exceptionClass, String handler, String site) {
    }

    /** A stored dead letter; {@code takenBy} the transaction whose delete (claim) holds it, or {@code null}. */
    private static final class Entry {
        DeadLetterRecord record;
        Pending takenBy;
        List<DeadLetterRecord> waitingSaves = new ArrayList<>();
        List<DeadLetterRecord> waitingUpdates = new ArrayList<>();

        Entry(DeadLetterRecord record) {
            this.record = record;
        }
    }

    /** What one transaction wrote, applied when it completes. Guarded by the store's lock. */
    private static final class Pending {
        final Object key;
        final List<DeadLetterRecord> saves = new ArrayList<>();
        final List<DeadLetterRecord> updates = new ArrayList<>();
        final List<UUID> taken = new ArrayList<>();

        Pending(Object key) {
            this.key = key;
        }
    }

    /** Where the caller's transaction comes from. */
    private interface Transactions {

        /** The active transaction's key, or {@code null} when there is none. */
        Object activeKey();

        void register(Object key, Synchronization synchronization) throws Exception;

        Transactions NONE = new Transactions() {
            @Override
            public Object activeKey() {
                return null;
            }

            @Override
            public void register(Object key, Synchronization synchronization) {
                throw new IllegalStateException("no transaction");
            }
        };

        static Transactions of(TransactionSynchronizationRegistry registry) {
            return new Transactions() {
                @Override
                public Object activeKey() {
                    return registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION ? null
                            : registry.getTransactionKey();
                }

                @Override
                public void register(Object key, Synchronization synchronization) {
                    registry.registerInterposedSynchronization(synchronization);
                }
            };
        }

        static Transactions of(TransactionManager manager) {
            return new Transactions() {
                @Override
                public Object activeKey() {
                    try {
                        return manager.getStatus() == Status.STATUS_NO_TRANSACTION ? null : manager.getTransaction();
                    } catch (SystemException e) {
                        throw new IllegalStateException(InMemoryDiagnostics.storeCannotRead(e), e);
                    }
                }

                @Override
                public void register(Object key, Synchronization synchronization) throws Exception {
                    ((Transaction) key).registerSynchronization(synchronization);
                }
            };
        }

        /** The registry in JNDI, else the application's TransactionManager bean, else none (said once). */
        static Transactions find() {
            try {
                Object registry = new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
                if (registry instanceof TransactionSynchronizationRegistry found) {
                    return of(found);
                }
            } catch (NamingException | RuntimeException notInJndi) {
                // outside a server: a CDI bean, below
            }
            try {
                var manager = CDI.current().select(TransactionManager.class);
                if (manager.isResolvable()) {
                    return of(manager.get());
                }
            } catch (RuntimeException | LinkageError noCdi) {
                // plain Java: none
            }
            LOG.warning(InMemoryDiagnostics.storeWithoutTransactions());
            return NONE;
        }
    }
}
