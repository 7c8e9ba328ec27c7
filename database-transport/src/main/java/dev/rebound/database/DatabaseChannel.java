package dev.rebound.database;

import dev.rebound.ReboundException;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A database channel: {@link #enqueue} inserts a row in the caller's JTA transaction (it commits, or rolls back,
 * with the business rows), or outside one in a transaction of its own. Thread-safe.
 */
final class DatabaseChannel implements QueueChannel {

    private final String name;
    private final MessageTable table;
    private final Supplier<Optional<TransactionManager>> transactions;
    private final AfterCommit afterCommit;
    private final Wakeup wakeup;
    private final boolean ordered;
    /** Set on a relay's thread while it forwards this channel's rows (see {@link #relaying}). */
    private final ThreadLocal<Boolean> relaying = new ThreadLocal<>();

    DatabaseChannel(String name, MessageTable table, Supplier<Optional<TransactionManager>> transactions,
                    AfterCommit afterCommit, Wakeup wakeup, boolean ordered) {
        this.name = name;
        this.ordered = ordered;
        this.table = table;
        this.transactions = transactions;
        this.afterCommit = afterCommit;
        this.wakeup = wakeup;
    }

    @Override
    public String name() {
        return name;
    }

    Wakeup wakeup() {
        return wakeup;
    }

    /**
     * Whether the channel keeps per-key order ({@code rebound.channel.<c>.ordering-key}): its consumers claim a
     * row only as the head of its key, and a delayed retry or a resend of a keyed row keeps the row's place.
     */
    boolean ordered() {
        return ordered;
    }

    @Override
    public void enqueue(Envelope envelope, long delayMs) {
        enqueue(envelope, delayMs, 0);
    }

    /**
     * Marks the calling thread as this channel's relay (or no longer). A message the relay's own send hands back to
     * this channel (the target's {@code fallback} while its broker is down) is refused, so that the relay's batch
     * rolls back and backs off instead of writing its rows again and again.
     */
    void relaying(boolean on) {
        if (on) {
            relaying.set(Boolean.TRUE);
        } else {
            relaying.remove();
        }
    }

    /** Inserts the row; {@code resends} counts the final failure strategy RESEND's turns. */
    void enqueue(Envelope envelope, long delayMs, int resends) {
        if (relaying.get() != null) {
            throw new ReboundException(DatabaseDiagnostics.divertedToRelay(name,
                    envelope.message().headers().messageId()));
        }
        TransactionManager tm = transactions.get().orElse(null);
        try {
            Transaction joined = tm == null ? null : tm.getTransaction();
            if (joined != null && joined.getStatus() != Status.STATUS_NO_TRANSACTION) {
                long due;
                try (Connection c = table.connection()) {
                    due = table.insert(c, name, envelope, delayMs, resends);
                }
                afterCommit.inserted(joined, name, due);
                return;
            }
            long due;
            if (tm != null) {
                tm.begin();
                try {
                    try (Connection c = table.connection()) {
                        due = table.insert(c, name, envelope, delayMs, resends);
                    }
                } catch (Exception | Error e) {
                    tm.rollback();
                    throw e;
                }
                tm.commit();
            } else {
                try (Connection c = table.connection()) {
                    c.setAutoCommit(true);
                    due = table.insert(c, name, envelope, delayMs, resends);
                }
            }
            wakeup.due(due);
        } catch (ReboundException e) {
            throw e;
        } catch (Exception e) {
            throw new ReboundException(DatabaseDiagnostics.sendFailed(name, envelope.message().headers().messageId(),
                    e), e);
        }
    }
}
