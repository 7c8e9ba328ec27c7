package dev.rebound.jms;

import dev.rebound.spi.Envelope;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consumers' side of the {@link DecisionTable}: a failing unit routes its failure there before it rolls back,
 * a redelivery takes its decision there, and the rows whose message never came back are removed now and then. A
 * failure of the database never fails a message: it is logged ({@code REBOUND-3110}, the stack trace once per
 * outage) and the node goes on with the decisions in its memory, as without the table. Thread-safe.
 */
final class StoredDecisions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoredDecisions.class.getName());
    /** The longest time between two cleanups. */
    static final long MAX_CLEANUP_INTERVAL_MS = 3_600_000;

    private final DecisionTable table;
    private final String source;
    private volatile boolean warned;
    private ScheduledExecutorService cleanup;

    StoredDecisions(DecisionTable table, String source) {
        this.table = table;
        this.source = source;
    }

    String source() {
        return source;
    }

    /** The row's key of a message's delivery. */
    static String key(Envelope envelope, String jmsKey) {
        return DecisionTable.key(envelope.message().headers().messageId(), jmsKey);
    }

    /**
     * Routes the failure of the message in the table, with the unit suspended, before the caller rolls it back;
     * {@code null} if that failed (logged).
     */
    DecisionTable.Routing route(ConsumerSession session, String key, Envelope envelope) {
        try {
            DecisionTable.Routing routing = session.outside(() -> table.route(key,
                    envelope.message().headers().messageId()));
            warned = false;
            return routing;
        } catch (Exception e) {
            warn("write", envelope, e);
            return null;
        }
    }

    /** The decision for the routed row (no transaction on the thread). */
    void decided(DecisionTable.Routing routing, Decision decision, Envelope envelope) {
        try {
            routing.decided(decision);
        } catch (Exception e) {
            warn("write", envelope, e);
        }
    }

    /** No decision for the routed row: it goes (no transaction on the thread). */
    void forget(DecisionTable.Routing routing, Envelope envelope) {
        try {
            routing.forget();
        } catch (Exception e) {
            warn("remove", envelope, e);
        }
    }

    /**
     * In the unit of a redelivery: the decision the table holds for it, deleted in the unit; waits (the unit
     * suspended) while the deciding node holds the row; {@code null} when there is none, the deciding node ended
     * before deciding ({@code REBOUND-3111}), or the table cannot be read (logged).
     */
    Decision take(ConsumerSession session, String key, Envelope envelope, String channel) {
        try {
            DecisionTable.Found found = table.take(key);
            if (found != null && found.routing()) {
                DecisionTable.Found after = session.outside(() -> table.await(key));
                if (after == null) {
                    return null;
                }
                if (after.routing()) {
                    LOG.log(Level.INFO, JmsDiagnostics.decisionLeftByEndedNode(id(envelope), channel, after.node()));
                    return null;
                }
                found = table.take(key);
            }
            return found == null || found.routing() ? null : found.decision();
        } catch (Exception e) {
            warn("read", envelope, e);
            return null;
        }
    }

    /** Removes expired rows every {@code min(retention / 2, 1 h)}, on a thread of its own. */
    synchronized void start(ThreadFactory threads) {
        if (cleanup != null) {
            return;
        }
        long every = Math.max(1000, Math.min(MAX_CLEANUP_INTERVAL_MS, table.retentionMs() / 2));
        cleanup = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName("rebound-decisions-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        cleanup.scheduleWithFixedDelay(this::expire, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    /** One cleanup run; how many rows it removed (0 if it failed, logged). */
    int expire() {
        try {
            int removed = table.expire(System.currentTimeMillis());
            if (removed > 0) {
                LOG.log(Level.FINE, "Removed {0} expired rows of rebound_decision", removed);
            }
            return removed;
        } catch (Exception e) {
            LOG.log(Level.WARNING, JmsDiagnostics.decisionsCleanupFailed(e), e);
            return 0;
        }
    }

    private void warn(String what, Envelope envelope, Exception e) {
        String line = JmsDiagnostics.decisionTableFailed(what, id(envelope), e);
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, line, e);
        } else {
            LOG.log(Level.WARNING, line);
        }
    }

    private static String id(Envelope envelope) {
        return String.valueOf(envelope.message().headers().messageId());
    }

    @Override
    public synchronized void close() {
        if (cleanup != null) {
            cleanup.shutdownNow();
            cleanup = null;
        }
    }
}
