package dev.rebound.deadletter;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterPage;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailureGroup;
import dev.rebound.ReplayOptions;
import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetters;
import dev.rebound.Message;
import dev.rebound.ReboundException;
import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Dispatcher;
import dev.rebound.core.Failures;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.Observers;
import dev.rebound.core.Route;
import dev.rebound.core.tx.Transactions;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@link DeadLetters} on a {@link DeadLetterStore}. A replay runs the handler and removes the dead
 * letter in one transaction, so either both happen or neither; a replay that fails records the new
 * failure on the same entry in a transaction of its own.
 */
public final class DeadLetterService implements DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class.getName());
    private static final int MAX_PAGE = 1_000;

    private final Supplier<DeadLetterStore> store;
    private final DeadLetterCodec codec;
    private final DeadLetterChannel channel;
    private final Dispatcher dispatcher;
    private final Transactions transactions;
    private final Clock clock;
    private final Observers observers;
    private final BulkReplays bulkReplays;

    /**
     * @param executor runs bulk replays: the container's managed executor, so that they run with the
     *        application's context (JNDI, CDI, transactions)
     */
    public DeadLetterService(Supplier<DeadLetterStore> store, DeadLetterCodec codec, DeadLetterChannel channel,
                             Dispatcher dispatcher, Transactions transactions, Clock clock, Observers observers,
                             Supplier<Executor> executor) {
        this.store = store;
        this.codec = codec;
        this.channel = channel;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.clock = clock;
        this.observers = observers;
        this.bulkReplays = new BulkReplays(new BulkReplays.Source() {
            @Override
            public List<DeadLetterRecord> next(DeadLetterFilter snapshot, DeadLetterCursor after, int limit) {
                return read(() -> store.get().page(snapshot, after, limit, false));
            }

            @Override
            public long count(DeadLetterFilter snapshot) {
                return read(() -> store.get().count(snapshot));
            }
        }, this::replay, executor, clock, Thread::sleep);
    }

    @Override
    public List<DeadLetter> list(int offset, int limit) {
        return read(() -> store.get().list(offset, limit)).stream().map(codec::view).toList();
    }

    @Override
    public long count() {
        return read(() -> store.get().count());
    }

    @Override
    public Optional<DeadLetter> show(UUID messageId) {
        return read(() -> store.get().find(messageId)).map(codec::view);
    }

    @Override
    public boolean replay(UUID messageId) {
        DeadLetterRecord record = read(() -> store.get().find(messageId))
                .orElseThrow(() -> new DeadLetterNotFoundException(Diagnostics.deadLetterNotFound(messageId)));
        HandlerMethod target = dispatcher.registry().byId(record.handler()).orElse(null);
        try {
            Message message = codec.decode(record);
            Delivery delivery = new Delivery(message, routeOf(message, target), record.origin(), target);
            transactions.inNewTransaction(() -> {
                dispatcher.handle(delivery);
                store.get().delete(messageId);
                return null;
            });
            observers.replayed(record.channel(), record.handler(), true);
            return true;
        } catch (Throwable failure) {
            LOG.warning(Diagnostics.replayFailed(messageId, failure));
            observers.replayed(record.channel(), record.handler(), false);
            channel.save(failed(record, failure));
            return false;
        }
    }

    @Override
    public int replay(Collection<UUID> messageIds) {
        int handled = 0;
        for (UUID id : messageIds) {
            try {
                handled += replay(id) ? 1 : 0;
            } catch (DeadLetterNotFoundException gone) {
                // deleted or replayed meanwhile: nothing to do
            }
        }
        return handled;
    }

    @Override
    public int replayAll() {
        return replay(read(() -> store.get().ids()));
    }

    @Override
    public boolean delete(UUID messageId) {
        return read(() -> store.get().delete(messageId));
    }

    @Override
    public int deleteAll() {
        return read(() -> store.get().deleteAll());
    }

    /** Where a replayed message goes when its failed handler is unknown: the first kind that handles it. */
    private Route routeOf(Message message, HandlerMethod target) {
        if (target != null) {
            return new Route(target.kind(), target.routingKey());
        }
        String key = message.headers().routingKey();
        for (HandlerKind kind : new HandlerKind[] {HandlerKind.COMMAND, HandlerKind.QUERY, HandlerKind.EVENT}) {
            Route route = new Route(kind, key);
            if (!dispatcher.registry().resolve(route, message.payload().getClass()).isEmpty()) {
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
    public int delete(Collection<UUID> messageIds) {
        return read(() -> {
            int deleted = 0;
            for (UUID id : messageIds) {
                deleted += store.get().delete(id) ? 1 : 0;
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

    private DeadLetterRecord failed(DeadLetterRecord r, Throwable failure) {
        Throwable root = Failures.rootCause(failure);
        Instant now = clock.instant();
        String trace = Failures.stackTrace(failure);
        String site = Fingerprints.failureSite(trace);
        String exceptionClass = failure.getClass().getName();
        return new DeadLetterRecord(r.messageId(), r.payloadType(), r.body(), r.headers(),
                exceptionClass, failure.getMessage(), root.getClass().getName(), root.getMessage(),
                trace, r.handler(), r.origin(), 1, now, now, r.note(), r.channel(),
                Fingerprints.of(exceptionClass, r.handler(), site), site, List.of());
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
