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
import dev.rebound.pipeline.ReplayClaimStep;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link DeadLetters} on a {@link DeadLetterStore}. A replay claims (removes) the dead letter and runs the
 * handler in one transaction, the claim first, so either both happen or neither and two replays of one dead
 * letter never both run the handler; a replay that fails records the new failure on the same entry in a
 * transaction of its own. Owns the bulk replays ({@link #stop}).
 */
public final class DeadLetterService implements DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class.getName());
    private static final int MAX_PAGE = 1_000;
    private static final int REPLAY_BATCH = 100;

    private final Supplier<DeadLetterStore> store;
    private final DeadLetterCodec codec;
    private final HandlerRegistry registry;
    private final ReplayClaimStep replays;
    private final Transactions transactions;
    private final Clock clock;
    private final Interceptors interceptors;
    private final BulkReplays bulkReplays;

    /**
     * @param executor runs bulk replays: the container's managed executor, so that they run with the
     *        application's context (JNDI, CDI, transactions)
     */
    public DeadLetterService(Supplier<DeadLetterStore> store, DeadLetterCodec codec, HandlerRegistry registry,
                             Pipelines pipelines, Transactions transactions, Clock clock, Interceptors interceptors,
                             Supplier<Executor> executor) {
        this.store = store;
        this.codec = codec;
        this.registry = registry;
        this.replays = pipelines.replay(id -> store.get().delete(DeadLetterFilter.all().withId(id)) > 0);
        this.transactions = transactions;
        this.clock = clock;
        this.interceptors = interceptors;
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
        HandlerMethod target = registry.byId(record.handler()).orElse(null);
        Message message = null;
        try {
            message = codec.decode(record);
            // the replay is the attempt after the dead letter's: the handler's Attempt and the interceptors count on
            replays.replay(id, new Delivery(message, routeOf(message, target), record.origin(), target,
                    record.attempts() + 1));
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
     * Walks the dead letters that had failed when the call started, oldest first, in batches of
     * {@value #REPLAY_BATCH} with a keyset cursor: memory stays bounded whatever the table holds, and an entry that
     * fails again keeps its first failure time, so it is not met twice.
     */
    @Override
    public int replayAll() {
        DeadLetterFilter snapshot = DeadLetterFilter.all().upTo(clock.instant());
        int handled = 0;
        DeadLetterCursor cursor = null;
        while (true) {
            DeadLetterCursor after = cursor;
            List<DeadLetterRecord> batch = read(() -> store.get().page(snapshot, after, REPLAY_BATCH, false));
            for (DeadLetterRecord record : batch) {
                try {
                    handled += replay(record.id()) ? 1 : 0;
                } catch (DeadLetterNotFoundException gone) {
                    // deleted or replayed meanwhile
                }
                cursor = new DeadLetterCursor(record.failedAt(), record.id());
            }
            if (batch.size() < REPLAY_BATCH) {
                return handled;
            }
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
