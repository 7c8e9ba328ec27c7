package dev.rebound.deadletter;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterPage;
import dev.rebound.DeadLetterStats;
import dev.rebound.Failure;
import dev.rebound.FailureGroup;
import dev.rebound.ReplayOptions;
import dev.rebound.ReplayTarget;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetters;
import dev.rebound.Message;
import dev.rebound.ReboundException;
import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.Route;
import dev.rebound.core.tx.Transactions;
import dev.rebound.pipeline.Interceptors;
import dev.rebound.pipeline.Pipelines;
import dev.rebound.pipeline.ReplayBatchStep;
import dev.rebound.pipeline.ReplayClaimStep;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link DeadLetters} on a {@link DeadLetterStore}. A replay claims (removes) the dead letter and runs the
 * handler in one transaction, the claim first, so either both happen or neither and two replays of one dead
 * letter never both run the handler; a replay that fails records the new failure on the same entry in a
 * transaction of its own. Owns the bulk replays ({@link #stop}).
 *
 * <p>Bulk replays and {@link #replayAll()} claim a batch of dead letters at a time (a lease in the store, see
 * {@link DeadLetterStore#claim}), so that replays on several nodes take disjoint batches, and replay each batch in
 * one transaction: the claimed rows removed first (only while this claim still holds them), then the handlers. A
 * handler that fails rolls the batch back; the messages before it are replayed again as a batch, the failing one
 * alone (its failure recorded on its dead letter), and the rest as the next batch. A claim whose lease ended and was
 * taken over by another node removes nothing, so its batch rolls back: the other node's replay is the one that
 * counts.
 */
public final class DeadLetterService implements DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class.getName());
    private static final int MAX_PAGE = 1_000;
    private static final int REPLAY_BATCH = BulkReplays.BATCH;
    /**
     * How long a claim holds its batch for other replayers: longer than a batch normally takes, and short, because
     * the batch of a node that died (or of a replay killed with its process) stays claimed until then, so a
     * {@code replayAll()} or bulk replay right after the restart would skip it (the fault suite's kill during a replay
     * met that with 2 minutes). Correctness does not depend on it: a batch's transaction removes its rows first and
     * holds their locks, and a claim that was taken over removes nothing (the owner is the fence); a lease that ends
     * while a slow batch runs one by one only lets another replayer take over the rest.
     */
    static final Duration LEASE = Duration.ofSeconds(30);

    private final Supplier<DeadLetterStore> store;
    private final DeadLetterCodec codec;
    private final HandlerRegistry registry;
    private final ReplayClaimStep replays;
    private final Transactions transactions;
    private final Clock clock;
    private final Interceptors interceptors;
    private final BulkReplays bulkReplays;
    private final Supplier<Executor> executor;
    private final Pipelines pipelines;
    private final ReplayBatchStep batches;
    private final String node;

    /**
     * @param executor runs bulk replays: the container's managed executor, so that they run with the
     *        application's context (JNDI, CDI, transactions)
     */
    public DeadLetterService(Supplier<DeadLetterStore> store, DeadLetterCodec codec, HandlerRegistry registry,
                             Pipelines pipelines, Transactions transactions, Clock clock, Interceptors interceptors,
                             Supplier<Executor> executor) {
        this(store, codec, registry, pipelines, transactions, clock, interceptors, executor, defaultNode());
    }

    /**
     * @param node this node's name, in the bulk replays' progress and claims ({@link #defaultNode()} unless
     *        configured)
     */
    public DeadLetterService(Supplier<DeadLetterStore> store, DeadLetterCodec codec, HandlerRegistry registry,
                             Pipelines pipelines, Transactions transactions, Clock clock, Interceptors interceptors,
                             Supplier<Executor> executor, String node) {
        this.store = store;
        this.codec = codec;
        this.registry = registry;
        this.pipelines = pipelines;
        this.replays = pipelines.replay(id -> store.get().delete(DeadLetterFilter.all().withId(id)) > 0);
        this.batches = pipelines.replayBatch();
        this.transactions = transactions;
        this.clock = clock;
        this.interceptors = interceptors;
        this.executor = executor;
        this.node = node;
        this.bulkReplays = new BulkReplays(new BulkReplays.Replayer() {
            @Override
            public List<DeadLetterRecord> claim(DeadLetterFilter snapshot, DeadLetterCursor after, int limit,
                                                String owner) {
                return DeadLetterService.this.claim(snapshot, after, limit, owner);
            }

            @Override
            public long[] replayBatch(List<DeadLetterRecord> records, String owner, ReplayTarget target) {
                return target == ReplayTarget.QUEUE ? requeueClaimed(records, owner) : replayClaimed(records, owner);
            }

            @Override
            public BulkReplays.Result replayOne(DeadLetterRecord record, String owner) {
                return replayOwned(record, owner);
            }

            @Override
            public long count(DeadLetterFilter snapshot) {
                return read(() -> store.get().count(snapshot));
            }
        }, node, executor, clock, Thread::sleep);
    }

    /** The JVM's {@code pid@host}: a node's name when {@code rebound.node} is not set. */
    public static String defaultNode() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    /** This node's name. */
    public String node() {
        return node;
    }

    /**
     * Another node on the same handlers and store: a service of its own (its own bulk replays, progress and
     * claims) named {@code node}, on {@code store} and {@code clock}; for tests that run several nodes in one JVM.
     */
    public DeadLetterService asNode(String node, Supplier<DeadLetterStore> store, Clock clock) {
        return new DeadLetterService(store, codec, registry, pipelines, transactions, clock, interceptors, executor,
                node);
    }

    /**
     * Walks to {@code offset} in pages of at most {@value #MAX_PAGE} (a keyset cursor), so that memory stays bounded
     * by the page whatever the offset; the time grows with it, as an SQL offset's does.
     */
    @Override
    public List<DeadLetter> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit + " must not be negative");
        }
        List<DeadLetter> found = new java.util.ArrayList<>();
        int skip = offset;
        DeadLetterCursor cursor = null;
        while (found.size() < limit) {
            DeadLetterCursor after = cursor;
            int want = Math.min(MAX_PAGE, skip > 0 ? skip : limit - found.size());
            List<DeadLetterRecord> batch = read(() -> store.get().page(DeadLetterFilter.all(), after, want, false));
            for (DeadLetterRecord record : batch) {
                if (skip > 0) {
                    skip--;
                } else {
                    found.add(codec.view(record));
                }
            }
            if (batch.size() < want) {
                break;
            }
            DeadLetterRecord last = batch.get(batch.size() - 1);
            cursor = new DeadLetterCursor(last.failedAt(), last.id());
        }
        return found;
    }

    @Override
    public long count() {
        return read(() -> store.get().count(DeadLetterFilter.all()));
    }

    @Override
    public Optional<DeadLetter> show(UUID id) {
        return read(() -> store.get().find(id)).map(codec::view);
    }

    /**
     * Claims the dead letter first, in the transaction that runs the handler: a second replay of it (another
     * operator, a bulk replay beside a single one, a double click) waits for the claim's transaction and then finds
     * the row gone, so it never runs the handler; a replay after a delete finds nothing. A failed handler rolls the
     * claim back with its own work, and the new failure is recorded on the row only if the row is still there.
     */
    @Override
    public boolean replay(UUID id) {
        DeadLetterRecord record = read(() -> store.get().find(id))
                .orElseThrow(() -> new DeadLetterNotFoundException(Diagnostics.deadLetterNotFound(id)));
        return replay(record, replays);
    }

    /** Replays a record with {@code claimed}'s claim; throws {@link DeadLetterNotFoundException} if it is gone. */
    private boolean replay(DeadLetterRecord record, ReplayClaimStep claimed) {
        UUID id = record.id();
        HandlerMethod target = registry.byId(record.handler()).orElse(null);
        Message message = null;
        try {
            message = codec.decode(record);
            // the replay is the attempt after the dead letter's: the handler's Attempt and the interceptors count on
            claimed.replay(id, delivery(record, message, target));
        } catch (ReplayClaimStep.Gone byAnother) {
            throw new DeadLetterNotFoundException(Diagnostics.deadLetterGone(id));
        } catch (Throwable failure) {
            LOG.warning(Diagnostics.replayFailed(id, failure));
            interceptors.replayed(message, record.channel(), record.handler(), false);
            recordFailure(failed(record, failure), failure, message);
            return false;
        }
        interceptors.replayed(message, record.channel(), record.handler(), true);
        return true;
    }

    private Delivery delivery(DeadLetterRecord record, Message message, HandlerMethod target) {
        // the replay is the attempt after the dead letter's: the handler's Attempt and the interceptors count on
        return new Delivery(message, routeOf(message, target), record.origin(), target, record.attempts() + 1);
    }

    /**
     * Claims a batch in a short transaction of its own, held by {@code owner} for {@link #LEASE}. Concurrent claims
     * can meet on the same rows where the database has no skip-locked read (Derby: a deadlock between two claimers'
     * UPDATEs, one of them chosen as the victim); the victim's transaction rolled back, so it simply claims again.
     */
    private List<DeadLetterRecord> claim(DeadLetterFilter snapshot, DeadLetterCursor after, int limit, String owner) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                return read(() -> store.get().claim(snapshot, after, limit, owner, now, now.plus(LEASE)));
            } catch (RuntimeException e) {
                if (attempt >= CLAIM_ATTEMPTS || !lockConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static final int CLAIM_ATTEMPTS = 5;

    /** A deadlock or lock timeout somewhere in the causes (SQLState class 40, or JPA's lock exceptions). */
    static boolean lockConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** Replays one claimed record alone: removed only while {@code owner}'s claim holds it. */
    private BulkReplays.Result replayOwned(DeadLetterRecord record, String owner) {
        ReplayClaimStep owned = pipelines.replay(id -> store.get().deleteClaimed(List.of(id), owner) > 0);
        try {
            return replay(record, owned) ? BulkReplays.Result.HANDLED : BulkReplays.Result.FAILED;
        } catch (DeadLetterNotFoundException replayedDeletedOrTakenOver) {
            return BulkReplays.Result.GONE;
        }
    }

    /**
     * Replays claimed records, as many together as succeed: the batch in one transaction; if a handler fails, the
     * ones before it again as a batch, the failing one alone, then the rest; if the batch's claim no longer holds
     * all of them (one was replayed or deleted meanwhile, or taken over) or its commit fails, each alone.
     *
     * @return how many were handled, failed again, were gone
     */
    private long[] replayClaimed(List<DeadLetterRecord> records, String owner) {
        long[] counts = new long[3];
        int from = 0;
        while (from < records.size()) {
            List<DeadLetterRecord> rest = records.subList(from, records.size());
            if (rest.size() == 1) {
                counts[replayOwned(rest.get(0), owner).ordinal()]++;
                return counts;
            }
            int failedAt = replayTogether(rest, owner);
            if (failedAt == ALL_HANDLED) {
                counts[0] += rest.size();
                return counts;
            }
            if (failedAt == EACH_ALONE) {
                for (DeadLetterRecord record : rest) {
                    counts[replayOwned(record, owner).ordinal()]++;
                }
                return counts;
            }
            if (failedAt > 0) {
                long[] before = replayClaimed(rest.subList(0, failedAt), owner);
                for (int i = 0; i < 3; i++) {
                    counts[i] += before[i];
                }
            }
            counts[replayOwned(rest.get(failedAt), owner).ordinal()]++;
            from += failedAt + 1;
        }
        return counts;
    }

    /** A claimed record's message for its handler's queue. */
    private record Requeue(DeadLetterRecord record, QueueChannel queue, Envelope envelope) {
    }

    /**
     * Puts claimed records back on their handlers' queues: in one transaction, the records removed (only while the
     * claim holds all of them) and each message enqueued, addressed to its failed handler as the attempt after the
     * dead letter's, so the transport commits the sends with the removal (JTA: XA, or the database transport's rows
     * in the same database transaction). If that fails, each alone; a record whose handler has no queue (a
     * synchronous handler, an unknown one) or whose message cannot be read is replayed through its handler.
     *
     * @return how many were put on their queue (or handled), failed, were gone
     */
    private long[] requeueClaimed(List<DeadLetterRecord> records, String owner) {
        long[] counts = new long[3];
        List<Requeue> queued = new ArrayList<>(records.size());
        List<DeadLetterRecord> direct = new ArrayList<>();
        for (DeadLetterRecord record : records) {
            Requeue requeue = requeue(record);
            if (requeue == null) {
                direct.add(record);
            } else {
                queued.add(requeue);
            }
        }
        if (!queued.isEmpty()) {
            List<UUID> ids = queued.stream().map(r -> r.record().id()).toList();
            try {
                enqueueClaimed(queued, ids, owner);
                counts[0] += queued.size();
            } catch (Throwable failure) {
                if (!(failure instanceof ReplayClaimStep.Gone)) {
                    LOG.log(Level.FINE, Diagnostics.replayBatchFailed(queued.size(), null, failure), failure);
                }
                for (Requeue one : queued) {
                    counts[requeueOne(one, owner).ordinal()]++;
                }
            }
        }
        if (!direct.isEmpty()) {
            long[] replayed = replayClaimed(direct, owner);
            for (int i = 0; i < 3; i++) {
                counts[i] += replayed[i];
            }
        }
        return counts;
    }

    /** The record's message for its failed handler's queue; {@code null} if there is none or it cannot be read. */
    private Requeue requeue(DeadLetterRecord record) {
        HandlerMethod target = registry.byId(record.handler()).orElse(null);
        QueueChannel queue = target == null || target.asyncChannel() == null ? null
                : pipelines.channels().queue(target.asyncChannel());
        if (queue == null) {
            return null;
        }
        try {
            return new Requeue(record, queue, new Envelope(codec.decode(record), target.id(), target.kind().name(),
                    record.attempts() + 1, record.origin()));
        } catch (RuntimeException unreadable) {
            return null; // replayed through its handler, which records why it cannot be read
        }
    }

    private void enqueueClaimed(List<Requeue> queued, List<UUID> ids, String owner) throws Throwable {
        transactions.inNewTransaction(() -> {
            if (store.get().deleteClaimed(ids, owner) != ids.size()) {
                throw new ReplayClaimStep.Gone();
            }
            // one batch per queue (QueueChannel.enqueueAll): stand-alone on JMS an XA branch of this transaction, so
            // that the sends commit with the removal or not at all
            Map<QueueChannel, List<Envelope>> byQueue = new LinkedHashMap<>();
            for (Requeue one : queued) {
                byQueue.computeIfAbsent(one.queue(), q -> new ArrayList<>()).add(one.envelope());
            }
            for (Map.Entry<QueueChannel, List<Envelope>> batch : byQueue.entrySet()) {
                interceptors.enqueueAll(batch.getKey(), batch.getValue());
            }
            return null;
        });
    }

    /** One record back on its queue; a queue that refuses it is recorded as the dead letter's new failure. */
    private BulkReplays.Result requeueOne(Requeue one, String owner) {
        try {
            enqueueClaimed(List.of(one), List.of(one.record().id()), owner);
            return BulkReplays.Result.HANDLED;
        } catch (ReplayClaimStep.Gone replayedDeletedOrTakenOver) {
            return BulkReplays.Result.GONE;
        } catch (Throwable refused) {
            LOG.warning(Diagnostics.requeueFailed(one.record().id(), one.queue().name(), refused));
            recordFailure(failed(one.record(), refused), refused, one.envelope().message());
            return BulkReplays.Result.FAILED;
        }
    }

    private static final int ALL_HANDLED = -1;
    private static final int EACH_ALONE = -2;

    /**
     * One transaction for the records: {@link #ALL_HANDLED} if it committed, else the position of the record
     * whose handler failed (or that cannot be read), or {@link #EACH_ALONE}; a rolled-back batch leaves every
     * record as it was.
     */
    private int replayTogether(List<DeadLetterRecord> records, String owner) {
        List<Delivery> deliveries = new ArrayList<>(records.size());
        List<UUID> ids = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            DeadLetterRecord record = records.get(i);
            HandlerMethod target = registry.byId(record.handler()).orElse(null);
            Message message;
            try {
                message = codec.decode(record);
            } catch (RuntimeException unreadable) {
                return i; // replayed alone, which records why
            }
            deliveries.add(delivery(record, message, target));
            ids.add(record.id());
        }
        try {
            batches.replay(deliveries, () -> store.get().deleteClaimed(ids, owner) == ids.size());
        } catch (ReplayBatchStep.Failed failed) {
            LOG.fine(() -> Diagnostics.replayBatchFailed(records.size(), records.get(failed.index()).id(),
                    failed.getCause()));
            return failed.index();
        } catch (ReplayClaimStep.Gone notAllOurs) {
            LOG.fine(() -> Diagnostics.replayBatchNotClaimed(records.size(), owner));
            return EACH_ALONE;
        } catch (Throwable commitFailed) {
            LOG.log(Level.FINE, Diagnostics.replayBatchFailed(records.size(), null, commitFailed), commitFailed);
            return EACH_ALONE;
        }
        for (int i = 0; i < records.size(); i++) {
            DeadLetterRecord record = records.get(i);
            interceptors.replayed(deliveries.get(i).message(), record.channel(), record.handler(), true);
        }
        return ALL_HANDLED;
    }

    /**
     * Records a replay's new failure on the dead letter, only if it is still there: meanwhile another replay may
     * have handled it, or an operator deleted it, and neither must come back. If recording fails the dead letter
     * keeps its previous state; the caller gets the store's failure with the replay's attached.
     */
    private void recordFailure(DeadLetterRecord record, Throwable replayFailure, Message replayed) {
        try {
            read(() -> store.get().recordFailure(record));
            interceptors.deadLettered(replayed, record.channel(), record.handler());
        } catch (RuntimeException | Error storeFailure) {
            storeFailure.addSuppressed(replayFailure);
            String message = Diagnostics.replayFailureNotStored(record.id(), replayFailure);
            LOG.log(Level.WARNING, message, storeFailure);
            throw new ReboundException(message, storeFailure);
        }
    }

    @Override
    public int replay(Collection<UUID> ids) {
        int handled = 0;
        for (UUID id : ids) {
            try {
                handled += replay(id) ? 1 : 0;
            } catch (DeadLetterNotFoundException gone) {
                // deleted or replayed meanwhile: nothing to do
            }
        }
        return handled;
    }

    /**
     * Walks the dead letters that had failed when the call started, oldest first, claiming
     * {@value #REPLAY_BATCH} at a time with a keyset cursor and replaying each batch in one transaction (see the
     * class): memory stays bounded whatever the table holds, an entry that fails again keeps its first failure time,
     * so it is not met twice, and a bulk replay or {@code replayAll} on another node takes other batches.
     */
    @Override
    public int replayAll() {
        DeadLetterFilter snapshot = DeadLetterFilter.all().upTo(clock.instant());
        String run = node + "/replayAll-" + UUID.randomUUID() + "/";
        long handled = 0;
        int claims = 0;
        DeadLetterCursor cursor = null;
        while (true) {
            List<DeadLetterRecord> batch = claim(snapshot, cursor, REPLAY_BATCH, run + (++claims));
            if (batch.isEmpty()) {
                return (int) handled;
            }
            DeadLetterRecord last = batch.get(batch.size() - 1);
            cursor = new DeadLetterCursor(last.failedAt(), last.id());
            handled += replayClaimed(batch, run + claims)[0];
        }
    }

    @Override
    public boolean delete(UUID id) {
        return read(() -> store.get().delete(DeadLetterFilter.all().withId(id))) > 0;
    }

    @Override
    public int deleteAll() {
        return read(() -> store.get().delete(DeadLetterFilter.all()));
    }

    /** Where a replayed message goes when its failed handler is unknown: the first kind that handles it. */
    private Route routeOf(Message message, HandlerMethod target) {
        if (target != null) {
            return new Route(target.kind(), target.routingKey());
        }
        String key = message.headers().routingKey();
        for (HandlerKind kind : new HandlerKind[] {HandlerKind.COMMAND, HandlerKind.QUERY, HandlerKind.EVENT}) {
            Route route = new Route(kind, key);
            if (!registry.resolve(route, message.payload().getClass()).isEmpty()) {
                return route;
            }
        }
        return new Route(HandlerKind.COMMAND, key);
    }

    @Override
    public DeadLetterPage page(DeadLetterFilter filter, DeadLetterCursor after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException(Diagnostics.badPageSize(limit));
        }
        // one more than asked tells whether there is a next page without a count
        List<DeadLetterRecord> found = read(() -> store.get().page(filter, after, limit + 1, true));
        List<DeadLetter> items = found.stream().limit(limit).map(codec::view).toList();
        DeadLetterCursor next = found.size() > limit ? DeadLetterCursor.after(items.get(items.size() - 1)) : null;
        return new DeadLetterPage(items, next);
    }

    @Override
    public long count(DeadLetterFilter filter) {
        return read(() -> store.get().count(filter));
    }

    @Override
    public List<FailureGroup> groups(DeadLetterFilter filter) {
        return read(() -> store.get().groups(filter));
    }

    @Override
    public DeadLetterStats stats() {
        return read(() -> store.get().stats());
    }

    @Override
    public int delete(Collection<UUID> ids) {
        return read(() -> {
            int deleted = 0;
            for (UUID id : ids) {
                deleted += store.get().delete(DeadLetterFilter.all().withId(id));
            }
            return deleted;
        });
    }

    @Override
    public int delete(DeadLetterFilter filter) {
        DeadLetterFilter snapshot = filter.upTo(clock.instant());
        return read(() -> store.get().delete(snapshot));
    }

    @Override
    public BulkReplay replayInBackground(DeadLetterFilter filter, ReplayOptions options) {
        return bulkReplays.start(filter, options);
    }

    @Override
    public Optional<BulkReplay> bulkReplay(UUID id) {
        return bulkReplays.find(id);
    }

    @Override
    public List<BulkReplay> bulkReplays() {
        return bulkReplays.all();
    }

    @Override
    public boolean cancelBulkReplay(UUID id) {
        return bulkReplays.cancel(id);
    }

    /**
     * Stops the bulk replays when the application stops: each ends after the message in hand (its transaction
     * completes or rolls back, so nothing is half done), waiting at most {@code timeoutMillis}.
     */
    public void stop(long timeoutMillis) {
        bulkReplays.stop(timeoutMillis);
    }

    private DeadLetterRecord failed(DeadLetterRecord r, Throwable exception) {
        Instant now = clock.instant();
        Failure failure = Failure.of(exception).cut(Failure.MAX_MESSAGE_LENGTH);
        return new DeadLetterRecord(r.id(), r.messageId(), r.payloadType(), r.body(), r.headers(), failure,
                r.handler(), r.origin(), 1, now, now, r.note(), r.channel(), Fingerprints.of(failure, r.handler()),
                List.of());
    }

    private <T> T read(Transactions.Work<T> work) {
        try {
            return transactions.inNewTransaction(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new ReboundException(Diagnostics.storeFailed(checked), checked);
        }
    }
}
