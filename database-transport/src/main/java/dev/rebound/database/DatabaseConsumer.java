package dev.rebound.database;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.ReboundException;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import jakarta.transaction.HeuristicCommitException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer thread of a database channel. A row is claimed, handled and deleted in one JTA unit: with SKIP LOCKED
 * the claim itself is the unit's first statement (the row stays locked until the commit and the other consumers skip
 * it); with a lease the claim is a short update of its own (owner, lease_until, epoch + 1) and the unit deletes the
 * row only at that epoch, rolling back when another node took the lease over. The handler's work, the row's removal
 * and any {@link Outcome} (the next attempt's row, the dead letter) commit together.
 *
 * <p>A failed handler rolls the unit back; the row is locked again (SKIP LOCKED) or still leased, the failure is
 * routed with no transaction active and its outcome carried out in that second unit. An outcome that cannot be
 * carried out (the dead letter store is down) rolls back and is remembered for the row, so that the handler does
 * not run again on this node; the consumer backs off. A row that cannot be read becomes a poison dead letter and
 * is deleted in the same unit.
 */
final class DatabaseConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(DatabaseConsumer.class.getName());

    private final DatabaseChannel channel;
    private final Map<String, DatabaseChannel> channels;
    private final MessageTable table;
    private final WireFormat wire;
    private final Inbound inbound;
    private final TransactionManager tm;
    private final DatabaseSettings settings;
    private final ChannelConsumers group;
    private final ChannelConsumers.Member self;
    private final Decisions decisions;
    /** Rows of this process whose failure is being routed: another consumer here leaves them alone. */
    private final Set<String> routing;
    private final String owner;
    private final Backoff backoff;

    /** The unit's delete found no row at the held epoch: another node took the lease over. */
    private static final class LeaseLost extends Exception {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    DatabaseConsumer(DatabaseChannel channel, Map<String, DatabaseChannel> channels, MessageTable table,
                     WireFormat wire, Inbound inbound, TransactionManager tm, DatabaseSettings settings,
                     ChannelConsumers group, ChannelConsumers.Member self, Decisions decisions, Set<String> routing,
                     String owner) {
        this.channel = channel;
        this.channels = channels;
        this.table = table;
        this.wire = wire;
        this.inbound = inbound;
        this.tm = tm;
        this.settings = settings;
        this.group = group;
        this.self = self;
        this.decisions = decisions;
        this.routing = routing;
        this.owner = owner;
        this.backoff = new Backoff(LOG, settings.failurePauseMs(), group::running);
    }

    /**
     * Claims and handles rows until the group stops; idle, it waits for a wake-up (a commit of this process), a
     * due delayed row or the poll interval. A failure of the database pauses, longer each time in a row; an
     * {@link Error} restarts the loop; a {@link VirtualMachineError} ends the thread.
     */
    @Override
    public void run() {
        while (group.running()) {
            try {
                endLeftover();
                long seen = channel.wakeup().generation();
                boolean worked = once();
                if (backoff.clear()) {
                    self.working();
                }
                if (!worked) {
                    channel.wakeup().await(seen, settings.pollIntervalMs(), group::running);
                }
            } catch (InterruptedException stopping) {
                // stop() interrupts a consumer that outlived the shutdown timeout: the loop ends
                return;
            } catch (VirtualMachineError fatal) {
                self.died(fatal);
                return;
            } catch (Error e) {
                self.restarting(e);
                backoff.pause(settings.failurePauseMs());
            } catch (Exception e) {
                rollbackQuietly();
                self.failed(e, DatabaseDiagnostics.CLAIM_FAILED);
                backoff.failed(DatabaseDiagnostics.claimFailed(channel.name()), e);
            }
        }
    }

    /** Claims one row and handles it; false if the channel has no due row now. */
    private boolean once() throws Exception {
        Row row;
        if (table.sql().skipLocked()) {
            tm.begin();
            try (Connection c = table.connection()) {
                row = table.claimLocked(c, channel.name(), channel.ordered());
            } catch (Exception | Error e) {
                rollbackQuietly();
                throw e;
            }
            if (row == null) {
                rollbackQuietly();
                return false;
            }
            if (routing.contains(row.id())) {
                rollbackQuietly();           // a consumer of this process routes its failure and locks it again
                Thread.yield();
                return true;
            }
        } else {
            try (Connection c = table.connection()) {
                row = table.lease(c, channel.name(), owner, channel.ordered());
            }
            if (row == null) {
                return false;
            }
            tm.begin();
        }
        backoff.reset();
        process(row);
        return true;
    }

    /** The unit is open, the row claimed; ends the unit. */
    private void process(Row row) throws Exception {
        Envelope envelope;
        try {
            envelope = wire.decode(row);
        } catch (IllegalArgumentException unreadable) {
            poison(row, unreadable.getMessage());
            return;
        }
        Inbound.Attempt attempt = inbound.attempt(channel.name(), envelope);
        Outcome remembered = decisions.take(row.id());
        if (remembered != null) {
            settle(row, envelope, attempt, remembered);
            return;
        }
        try {
            attempt.runInUnit();
            try (Connection c = table.connection()) {
                if (table.delete(c, row) == 0) {
                    throw new LeaseLost();
                }
            }
            commit();
            return;
        } catch (LeaseLost lost) {
            rollbackQuietly();
            LOG.log(Level.INFO, DatabaseDiagnostics.leaseLost(id(envelope), channel.name()));
            return;
        } catch (Throwable failure) {
            routing.add(row.id());
            try {
                rollbackQuietly();
                if (failure instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                if (!group.running()) {
                    giveBackQuietly(row, row.dueAt());   // stopping: the row waits as it was
                    return;
                }
                routeFailure(row, envelope, attempt, failure);
            } finally {
                routing.remove(row.id());
            }
        }
    }

    /** After the handler's unit rolled back: claims the row again in a second unit and settles the failure there. */
    private void routeFailure(Row row, Envelope envelope, Inbound.Attempt attempt, Throwable failure)
            throws Exception {
        tm.begin();
        if (table.sql().skipLocked()) {
            boolean locked;
            try (Connection c = table.connection()) {
                locked = table.lock(c, row);
            } catch (Exception | Error e) {
                rollbackQuietly();
                throw e;
            }
            if (!locked) {
                rollbackQuietly();           // another node has it (and runs it again), or it is gone
                return;
            }
        }
        Transaction unit = tm.suspend();     // the failure is routed with no transaction active
        Outcome outcome;
        try {
            outcome = heuristic(failure) ? attempt.deadLetter(failure) : attempt.failed(cause(failure));
        } catch (RuntimeException notRouted) {
            tm.resume(unit);
            rollbackQuietly();
            giveBackQuietly(row, System.currentTimeMillis() + settings.failurePauseMs());
            self.failed(notRouted, DatabaseDiagnostics.OUTCOME_FAILED);
            backoff.failed(DatabaseDiagnostics.failureNotRouted(id(envelope), channel.name()), notRouted);
            return;
        }
        tm.resume(unit);
        settle(row, envelope, attempt, outcome);
    }

    /** Carries the outcome out in the open unit and ends it; never throws but an {@link Error}. */
    private void settle(Row row, Envelope envelope, Inbound.Attempt attempt, Outcome outcome) {
        try {
            Runnable afterwards = execute(row, envelope, attempt, outcome);
            if (afterwards == ROLL_BACK) {
                rollbackQuietly();
            } else {
                commit();
                if (afterwards != null) {
                    afterwards.run();
                }
            }
            backoff.reset();
        } catch (LeaseLost lost) {
            rollbackQuietly();
            LOG.log(Level.INFO, DatabaseDiagnostics.leaseLost(id(envelope), channel.name()));
        } catch (Exception | Error failure) {
            rollbackQuietly();
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            decisions.keep(row.id(), outcome);
            giveBackQuietly(row, System.currentTimeMillis() + settings.failurePauseMs());
            self.failed(failure, DatabaseDiagnostics.OUTCOME_FAILED);
            backoff.failed(DatabaseDiagnostics.outcomeNotCarriedOut(outcome.getClass().getSimpleName(), id(envelope),
                    channel.name()), failure);
        }
    }

    /** What {@link #execute} returns for an outcome that leaves the row as it was: the unit rolls back. */
    private static final Runnable ROLL_BACK = () -> { };

    /**
     * Does what the outcome says in the open unit; returns {@link #ROLL_BACK}, or what to do after the commit
     * ({@code null}: nothing).
     */
    private Runnable execute(Row row, Envelope envelope, Inbound.Attempt attempt, Outcome outcome) throws Exception {
        if (outcome instanceof Outcome.Done) {
            delete(row);
            return null;
        }
        if (outcome instanceof Outcome.Forward forward) {
            if (keepsPlace(row, forward.channel())) {
                return rewrite(row, forward.envelope(), forward.delayMs(), row.resends());
            }
            delete(row);
            target(forward.channel()).enqueue(forward.envelope(), forward.delayMs(), 0);
            return null;
        }
        if (outcome instanceof Outcome.Deliver deliver) {
            delete(row);
            inbound.deliver(deliver, true);
            return null;
        }
        Outcome.Final last = (Outcome.Final) outcome;
        FinalFailureStrategy strategy = last.strategy();
        switch (strategy) {
            case IGNORE -> {
                delete(row);
                LOG.log(Level.WARNING, DatabaseDiagnostics.dropped(id(envelope), channel.name(), type(last.failure())));
                return null;
            }
            case RESEND -> {
                int resends = row.resends() + 1;
                if (resends > settings.maxResends()) {
                    String reason = DatabaseDiagnostics.resentTooOften(id(envelope), channel.name(), resends - 1,
                            settings.maxResends(), type(last.failure()));
                    LOG.log(Level.WARNING, reason);
                    return execute(row, envelope, attempt, attempt.deadLetter(new ReboundException(reason,
                            last.failure())));
                }
                Envelope next = last.next() != null ? last.next() : envelope.nextAttempt();
                long delay = DatabaseSettings.growing(settings.resendDelayMs(), resends);
                if (keepsPlace(row, channel.name())) {
                    return rewrite(row, next, delay, resends);
                }
                delete(row);
                channel.enqueue(next, delay, resends);
                return null;
            }
            case RELEASE -> {
                giveBack(row, System.currentTimeMillis() + settings.failurePauseMs());
                return null;
            }
            case STOP -> {
                Runnable stop = () -> group.stopBecause(id(envelope), last.failure());
                if (table.sql().skipLocked()) {
                    stop.run();              // stopped before the row is unlocked: no consumer here takes it again
                    return ROLL_BACK;
                }
                giveBack(row, row.dueAt());
                return stop;
            }
            default -> throw new IllegalStateException("unknown strategy " + strategy);
        }
    }

    /** A row that cannot be read: its dead letter keeps the raw body; it leaves the table in the same unit. */
    private void poison(Row row, String reason) {
        UUID id = UUID.nameUUIDFromBytes(("rebound-message:" + row.id()).getBytes(StandardCharsets.UTF_8));
        try {
            inbound.poison(id, channel.name(), row.body(), WireFormat.properties(row), reason);
            delete(row);
            commit();
            backoff.reset();
            LOG.log(Level.WARNING, DatabaseDiagnostics.poisonStored(), new Object[] {channel.name(), reason});
        } catch (LeaseLost lost) {
            rollbackQuietly();
        } catch (Exception | Error storeDown) {
            rollbackQuietly();
            if (storeDown instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            giveBackQuietly(row, System.currentTimeMillis() + settings.failurePauseMs());
            self.failed(storeDown, DatabaseDiagnostics.OUTCOME_FAILED);
            backoff.failed(DatabaseDiagnostics.poisonNotStored(row.id(), channel.name()), storeDown);
        }
    }

    private void delete(Row row) throws SQLException, LeaseLost {
        try (Connection c = table.connection()) {
            if (table.delete(c, row) == 0) {
                throw new LeaseLost();
            }
        }
    }

    /**
     * Whether the next attempt of the row on {@code target} takes the row's place instead of a new row: a keyed row
     * of an ordered channel that stays on it, so that it stays the head of its key and holds the later rows back.
     */
    private boolean keepsPlace(Row row, String target) {
        return channel.ordered() && row.orderingKey() != null && target.equals(channel.name());
    }

    /** The row written anew in its place, due {@code delayMs} from now; wakes this node's consumers then. */
    private Runnable rewrite(Row row, Envelope next, long delayMs, int resends) throws SQLException, LeaseLost {
        long due = System.currentTimeMillis() + Math.max(0, delayMs);
        try (Connection c = table.connection()) {
            if (table.rewrite(c, row, next, due, resends) == 0) {
                throw new LeaseLost();
            }
        }
        return () -> channel.wakeup().due(due);
    }

    private void giveBack(Row row, long dueAt) throws SQLException, LeaseLost {
        try (Connection c = table.connection()) {
            if (table.giveBack(c, row, dueAt) == 0) {
                throw new LeaseLost();
            }
        }
    }

    /** On the lease path, ends the lease at once so that the row need not wait for its expiry; else nothing. */
    private void giveBackQuietly(Row row, long dueAt) {
        if (table.sql().skipLocked()) {
            return;                          // the rollback unlocked it
        }
        try (Connection c = table.connection()) {
            table.giveBack(c, row, dueAt);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Giving back the lease of a row of " + channel.name() + " (it expires anyway)", e);
        }
    }

    private DatabaseChannel target(String name) {
        DatabaseChannel target = channels.get(name);
        if (target == null) {
            // the SPI forwards by channel name: a channel of another transport cannot be reached from here
            throw new IllegalStateException(DatabaseDiagnostics.notCarried(name, channel.name()));
        }
        return target;
    }

    /** Commits; a unit marked rollback-only is rolled back and reported as a failed commit. */
    private void commit() throws Exception {
        if (tm.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
            tm.rollback();
            throw new RollbackException("the transaction was marked for rollback only");
        }
        tm.commit();
    }

    private void rollbackQuietly() {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (SystemException | IllegalStateException e) {
            LOG.log(Level.FINE, "Rolling back the unit of a row of " + channel.name(), e);
        }
    }

    /** A transaction left on the thread (a bug elsewhere) would make the next begin fail: it is rolled back. */
    private void endLeftover() throws SystemException {
        if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
            rollbackQuietly();
        }
    }

    private static boolean heuristic(Throwable failure) {
        return failure instanceof HeuristicMixedException || failure instanceof HeuristicCommitException;
    }

    /** A failed commit of the handler's unit is reported with what made it fail (e.g. a constraint). */
    private static Throwable cause(Throwable failure) {
        return failure instanceof RollbackException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String id(Envelope envelope) {
        return String.valueOf(envelope.message().headers().messageId());
    }

    private static String type(Throwable failure) {
        return failure == null ? "unknown failure" : failure.getClass().getName();
    }
}
