package dev.rebound.database;

import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.TransportContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay of a database channel with {@code rebound.channel.<c>.relay-to=<target>}, in place of its consumers: it
 * claims a batch of due rows ({@code rebound.database.relay-batch}; SKIP LOCKED in the unit, or a lease), enqueues
 * each to the target channel and deletes them, all in one JTA unit. A target that joins the transaction (JMS with
 * XA) commits its sends with the delete; one that does not sends at once, so that a crash between the send and the
 * commit sends again: at-least-once, and the consumer's {@code @Deduplicated} removes the duplicate effect.
 *
 * <p>When the target refuses (its broker is down) the unit rolls back, every row stays, and the relay backs off
 * (doubling from {@code rebound.database.failure-pause-ms} up to a minute): no row is counted against it. A row
 * that cannot be read becomes a poison dead letter at once; a row whose target is not a channel of the application
 * counts a failed attempt (the {@code resends} column) and becomes a dead letter after
 * {@code rebound.database.relay-max-attempts}, so that neither blocks the table.
 */
final class Relay implements Runnable {

    private static final Logger LOG = Logger.getLogger(Relay.class.getName());

    private final DatabaseChannel channel;
    private final String targetName;
    private final TransportContext context;
    private final MessageTable table;
    private final WireFormat wire;
    private final Inbound inbound;
    private final TransactionManager tm;
    private final DatabaseSettings settings;
    private final ChannelConsumers group;
    private final ChannelConsumers.Member self;
    private final String owner;
    private QueueChannel target;
    private final Backoff backoff;
    /** Of a keyed channel: ids of rows marked relayed by units that committed, not yet deleted. */
    private final List<String> forwarded = new ArrayList<>();
    private long nextSweep;

    Relay(DatabaseChannel channel, String targetName, TransportContext context, MessageTable table, WireFormat wire,
          Inbound inbound, TransactionManager tm, DatabaseSettings settings, ChannelConsumers group,
          ChannelConsumers.Member self, String owner) {
        this.channel = channel;
        this.targetName = targetName;
        this.context = context;
        this.table = table;
        this.wire = wire;
        this.inbound = inbound;
        this.tm = tm;
        this.settings = settings;
        this.group = group;
        this.self = self;
        this.owner = owner;
        this.backoff = new Backoff(LOG, settings.failurePauseMs(), group::running);
    }

    /** Relays batches until the group stops; idle, it waits for a commit of this process or the poll interval. */
    @Override
    public void run() {
        while (group.running()) {
            try {
                if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    rollbackQuietly();
                }
                long seen = channel.wakeup().generation();
                int relayed;
                channel.relaying(true);
                try {
                    relayed = once();
                } finally {
                    channel.relaying(false);
                }
                if (backoff.clear()) {
                    self.working();
                }
                if (relayed == 0) {
                    if (channel.ordered()) {
                        sweep();
                    }
                    channel.wakeup().await(seen, settings.pollIntervalMs(), group::running);
                }
            } catch (InterruptedException stopping) {
                return;
            } catch (VirtualMachineError fatal) {
                self.died(fatal);
                return;
            } catch (Error e) {
                self.restarting(e);
                backoff.pause(settings.failurePauseMs());
            } catch (CommitFailed failed) {
                rollbackQuietly();
                self.failed(failed.getCause(), DatabaseDiagnostics.RELAY_COMMIT_FAILED);
                backoff.failed(DatabaseDiagnostics.relayCommitFailed(channel.name(), targetName), failed.getCause());
            } catch (Refused refused) {
                self.failed(refused.getCause(), DatabaseDiagnostics.RELAY_REFUSED);
                backoff.failed(DatabaseDiagnostics.relayRefused(channel.name(), targetName), refused.getCause());
            } catch (Exception e) {
                rollbackQuietly();
                self.failed(e, DatabaseDiagnostics.CLAIM_FAILED);
                backoff.failed(DatabaseDiagnostics.claimFailed(channel.name()), e);
            }
        }
    }

    /** The target refused an envelope; the batch was rolled back. */
    private static final class Refused extends Exception {
        Refused(Throwable cause) {
            super(cause);
        }
    }

    /** The commit of a batch failed after its target took it; the batch was rolled back. */
    private static final class CommitFailed extends Exception {
        CommitFailed(Throwable cause) {
            super(cause);
        }
    }

    /** Claims, relays and deletes one batch; returns how many rows it settled (0: none due). */
    private int once() throws Exception {
        if (!forwarded.isEmpty()) {
            forget();
        }
        List<Row> rows = claim();
        if (rows.isEmpty()) {
            return 0;
        }
        QueueChannel to = target();
        List<Row> done = new ArrayList<>(rows.size());
        List<Row> sent = new ArrayList<>(rows.size());
        List<Envelope> envelopes = new ArrayList<>(rows.size());
        List<String> bodies = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Envelope envelope;
            try {
                envelope = wire.decode(row);
            } catch (IllegalArgumentException unreadable) {
                poison(row, unreadable.getMessage());
                LOG.log(Level.WARNING, DatabaseDiagnostics.poisonStored(), new Object[] {channel.name(),
                        unreadable.getMessage()});
                done.add(row);
                continue;
            }
            if (to == null) {
                if (row.resends() + 1 >= settings.relayMaxAttempts()) {
                    String reason = DatabaseDiagnostics.relayGaveUp(channel.name(), targetName, row.resends() + 1);
                    poison(row, reason);
                    LOG.log(Level.WARNING, reason);
                    done.add(row);
                } else {
                    try (Connection c = table.connection()) {
                        table.bump(c, row, System.currentTimeMillis()
                                + DatabaseSettings.growing(settings.failurePauseMs(), row.resends() + 1));
                    }
                }
                continue;
            }
            envelopes.add(envelope);
            bodies.add(row.body());
            sent.add(row);
        }
        if (!envelopes.isEmpty()) {
            try {
                // the rows were due: their delays, if any, have passed in the table
                if (settings.relaySends() == DatabaseSettings.RelaySends.BATCH) {
                    // all or none: one session, or one branch of this unit; the rows' bodies are the codec's text
                    // of the payloads, sent as they are (decoded above only to refuse an unreadable row and for
                    // the interceptors)
                    to.enqueueAllWritten(envelopes, bodies);
                } else {
                    for (Envelope envelope : envelopes) {
                        to.enqueue(envelope, 0);
                    }
                }
            } catch (RuntimeException refused) {
                rollbackQuietly();
                giveBackAll(rows);
                throw new Refused(refused);
            }
            for (Envelope envelope : envelopes) {
                context.relayed(channel.name(), targetName, envelope);   // for the interceptors (a relay span)
            }
            done.addAll(sent);
        }
        boolean ordered = channel.ordered();
        // of a keyed channel, the last row of each key in the batch is marked, not deleted: it holds its key back
        // until this whole unit has completed (see MessageTable.markRelayed); the rows before it go at once
        List<Row> marked = ordered ? lastOfEachKey(done) : List.of();
        List<Row> deleted = marked.isEmpty() ? done : without(done, marked);
        try (Connection c = table.connection()) {
            if (!done.isEmpty() && !((deleted.isEmpty() || table.deleteAll(c, deleted)) && (marked.isEmpty()
                    || table.markRelayed(c, marked, owner, System.currentTimeMillis() + settings.relayHoldMs())))) {
                rollbackQuietly();           // another node took a lease over and relays those rows
                LOG.log(Level.INFO, DatabaseDiagnostics.relayLeaseLost(channel.name()));
                return rows.size();
            }
        }
        try {
            tm.commit();
        } catch (jakarta.transaction.RollbackException failed) {
            giveBackAll(rows);
            throw new CommitFailed(failed);
        }
        if (!marked.isEmpty()) {
            // the whole unit has completed, the broker's branch too: the next rows of these keys may go now
            marked.forEach(row -> forwarded.add(row.id()));
            forget();
        }
        backoff.reset();
        if (to == null) {
            self.failed(new IllegalArgumentException(targetName), DatabaseDiagnostics.RELAY_NO_TARGET);
            backoff.failed(DatabaseDiagnostics.relayNoTarget(channel.name(), targetName), new IllegalStateException(
                    DatabaseDiagnostics.relayNoTarget(channel.name(), targetName)));
        }
        return rows.size();
    }

    /** A batch of due rows with the unit begun: locked in it (SKIP LOCKED), or leased before it. */
    private List<Row> claim() throws Exception {
        int batch = settings.relayBatch();
        if (table.sql().skipLocked()) {
            tm.begin();
            List<Row> rows;
            try (Connection c = table.connection()) {
                rows = table.claimLocked(c, channel.name(), batch);
            } catch (Exception | Error e) {
                rollbackQuietly();
                throw e;
            }
            if (!rows.isEmpty()) {
                try (Connection c = table.connection()) {
                    rows = inOrder(c, rows);
                }
            }
            if (rows.isEmpty()) {
                rollbackQuietly();
            }
            return rows;
        }
        List<Row> rows = new ArrayList<>();
        List<Row> go;
        try (Connection c = table.connection()) {
            while (rows.size() < batch) {
                Row row = table.lease(c, channel.name(), owner, false);
                if (row == null) {
                    break;
                }
                rows.add(row);
            }
            go = rows.isEmpty() ? rows : inOrder(c, rows);
        }
        if (!go.isEmpty()) {
            tm.begin();
        }
        return go;
    }

    /**
     * The rows of the claimed batch that may go now, in insert order: a keyed row waits while an earlier row of its
     * key is not in the batch (another node relays it, or it waits for its next attempt). A held row stays locked
     * until the unit ends (SKIP LOCKED: the caller rolls back when none goes), or its lease is ended at once.
     */
    private List<Row> inOrder(Connection c, List<Row> rows) throws Exception {
        MessageTable.InOrder split;
        try {
            split = table.inOrder(c, channel.name(), rows);
        } catch (Exception | Error e) {
            rollbackQuietly();
            giveBackAll(rows);
            throw e;
        }
        if (!table.sql().skipLocked()) {
            for (Row held : split.held()) {
                table.giveBack(c, held, held.dueAt());
            }
        }
        return split.go();
    }

    /** Of the rows (in insert order), the last one of each ordering key; rows without a key are not among them. */
    private static List<Row> lastOfEachKey(List<Row> rows) {
        Map<String, Row> last = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.orderingKey() != null) {
                Row before = last.get(row.orderingKey());
                if (before == null || before.seq() < row.seq()) {
                    last.put(row.orderingKey(), row);
                }
            }
        }
        return new ArrayList<>(last.values());
    }

    private static List<Row> without(List<Row> rows, List<Row> some) {
        Set<String> ids = new HashSet<>();
        some.forEach(row -> ids.add(row.id()));
        List<Row> rest = new ArrayList<>(rows.size() - some.size());
        for (Row row : rows) {
            if (!ids.contains(row.id())) {
                rest.add(row);
            }
        }
        return rest;
    }

    /**
     * Deletes the rows this relay marked relayed in units that have completed; on failure they stay marked (holding
     * back their keys) and are tried again before the next batch, or swept after the hold.
     */
    private void forget() {
        try (Connection c = table.connection()) {
            table.deleteRelayed(c, forwarded);
            forwarded.clear();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Deleting the relayed rows of relay " + channel.name() + " (tried again)", e);
            if (forwarded.size() > 10 * settings.relayBatch()) {
                forwarded.clear();               // the sweep after the hold deletes them
            }
        }
    }

    /**
     * Idle, at most every 10 s (or every hold, if shorter): deletes the channel's rows that a relay marked relayed
     * and did not delete within {@code rebound.database.relay-hold-ms} (it died between its commit and the delete).
     */
    private void sweep() {
        long now = System.currentTimeMillis();
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + Math.min(10_000, settings.relayHoldMs());
        try (Connection c = table.connection()) {
            int swept = table.sweepRelayed(c, channel.name(), now);
            if (swept > 0) {
                LOG.log(Level.INFO, DatabaseDiagnostics.relayedSwept(), new Object[] {channel.name(),
                        String.valueOf(swept), String.valueOf(settings.relayHoldMs())});
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "Sweeping the relayed rows of relay " + channel.name() + " (tried again)", e);
        }
    }

    /** The target channel, found once; {@code null} while the application has no such channel. */
    private QueueChannel target() {
        QueueChannel found = target;
        if (found == null) {
            found = context.queueChannel(targetName).orElse(null);
            target = found;
        }
        return found;
    }

    /** A row that cannot be relayed (the caller logs why): its dead letter keeps the raw body; it leaves the table with the batch. */
    private void poison(Row row, String reason) {
        UUID id = UUID.nameUUIDFromBytes(("rebound-message:" + row.id()).getBytes(StandardCharsets.UTF_8));
        inbound.poison(id, channel.name(), row.body(), WireFormat.properties(row), reason);
    }

    /** On the lease path, ends the leases at once (the rows are due again after the pause); else nothing. */
    private void giveBackAll(List<Row> rows) {
        if (table.sql().skipLocked()) {
            return;                          // the rollback unlocked them
        }
        long dueAt = System.currentTimeMillis() + settings.failurePauseMs();
        try (Connection c = table.connection()) {
            for (Row row : rows) {
                table.giveBack(c, row, dueAt);
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "Giving back the leases of relay " + channel.name() + " (they expire anyway)", e);
        }
    }

    private void rollbackQuietly() {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (SystemException | IllegalStateException e) {
            LOG.log(Level.FINE, "Rolling back a batch of relay " + channel.name(), e);
        }
    }
}
