package dev.rebound.database;

import dev.rebound.spi.Backlog;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportHealth;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Asynchronous channels on the table {@code rebound_message}, with their consumers. */
final class DatabaseTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(DatabaseTransport.class.getName());

    private final TransportContext context;
    private final DatabaseSettings settings;
    private final MessageTable table;
    private final WireFormat wire;
    private final Map<String, DatabaseChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, ChannelConsumers> consumers = new ConcurrentHashMap<>();
    private final Map<String, Wakeup> wakeups = new ConcurrentHashMap<>();
    /** The relays' targets ({@code rebound.channel.<c>.relay-to}), read when the channel is made. */
    private final Map<String, String> relays = new ConcurrentHashMap<>();
    private final AfterCommit afterCommit = new AfterCommit(this::wakeup);
    private final Decisions decisions = new Decisions(10_000);
    private final Set<String> routing = ConcurrentHashMap.newKeySet();
    /** This node's name in the lease's owner column: for an operator who looks at a leased row. */
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final DatabaseHealth health;
    private final BacklogFigures backlog;
    /** Asked once, on first use: the context offers the transaction manager only after deployment. */
    private volatile Optional<TransactionManager> transactions;

    DatabaseTransport(TransportContext context, DatabaseSettings settings) {
        this.context = context;
        this.settings = settings;
        this.wire = new WireFormat(context.payloads());
        this.table = new MessageTable(context, settings, wire);
        this.health = new DatabaseHealth(table, context::threads, settings.healthTimeoutMs());
        this.backlog = new BacklogFigures(table, context::threads, DatabaseSettings.backlogRefreshMs(context.settings()),
                settings.healthTimeoutMs(), System::currentTimeMillis);
    }

    @Override
    public QueueChannel channel(String name) {
        return channels.computeIfAbsent(name, n -> {
            consumers.put(n, new ChannelConsumers(n, wakeup(n)));
            context.channel(n).get(DatabaseSettings.RELAY_TO).ifPresent(target -> relays.put(n, target));
            boolean ordered = context.channel(n).get(DatabaseSettings.ORDERING_KEY).isPresent();
            return new DatabaseChannel(n, table, this::transactions, afterCommit, wakeup(n), ordered);
        });
    }

    private Wakeup wakeup(String channel) {
        return wakeups.computeIfAbsent(channel, c -> new Wakeup());
    }

    private Optional<TransactionManager> transactions() {
        Optional<TransactionManager> found = transactions;
        if (found == null) {
            found = context.transactionManager();
            transactions = found;
        }
        return found;
    }

    @Override
    public synchronized void start(Inbound inbound) {
        TransactionManager tm = transactionManager();
        Sql sql = table.sql();
        LOG.log(Level.INFO, DatabaseDiagnostics.consuming(), new Object[] {new TreeSet<>(channels.keySet()),
                sql.database(), sql.skipLocked() ? "SELECT ... FOR UPDATE SKIP LOCKED in the unit"
                        : "a lease of " + settings.leaseMs() + " ms (rebound.database.lease-ms) with an epoch"});
        if (!relays.isEmpty()) {
            LOG.log(Level.INFO, DatabaseDiagnostics.relaying(), new Object[] {new TreeSet<>(relays.keySet()),
                    new TreeSet<>(relays.values())});
        }
        ThreadFactory threads = context.threads();
        for (String name : channels.keySet()) {
            start(name, inbound, tm, threads);
        }
    }

    @Override
    public synchronized void resume(String channel, Inbound inbound) {
        known(channel);
        start(channel, inbound, transactionManager(), context.threads());
    }

    private void start(String name, Inbound inbound, TransactionManager tm, ThreadFactory threads) {
        ChannelConsumers group = consumers.get(name);
        DatabaseChannel channel = channels.get(name);
        String target = relays.get(name);
        if (target != null) {
            group.start(Math.max(1, inbound.concurrentConsumers(name)), threads, member -> new Relay(channel, target,
                    context, table, wire, inbound, tm, settings, group, member, node + "/" + name));
            return;
        }
        group.start(Math.max(1, inbound.concurrentConsumers(name)), threads, member -> new DatabaseConsumer(channel,
                channels, table, wire, inbound, tm, settings, group, member, decisions, routing,
                node + "/" + name));
    }

    private TransactionManager transactionManager() {
        return transactions().orElseThrow(() -> new IllegalStateException(DatabaseDiagnostics.needsTransactions()));
    }

    @Override
    public synchronized void pause(String channel) {
        known(channel);
        consumers.get(channel).stop(settings.shutdownTimeoutMs());
    }

    @Override
    public synchronized void stop() {
        consumers.values().forEach(group -> group.stop(settings.shutdownTimeoutMs()));
    }

    private void known(String channel) {
        if (!channels.containsKey(channel)) {
            throw new IllegalArgumentException(DatabaseDiagnostics.unknownChannel(channel,
                    new TreeSet<>(channels.keySet())));
        }
    }

    @Override
    public List<ChannelStatus> status() {
        List<ChannelStatus> all = new ArrayList<>();
        for (String name : new TreeSet<>(consumers.keySet())) {
            all.add(consumers.get(name).status());
        }
        return all;
    }

    /** Whether the database answers: a connection is validated within {@code rebound.database.health-timeout-ms}. */
    @Override
    public TransportHealth health() {
        return health.check();
    }

    /** Every channel's depth and lag, read at most every {@code rebound.database.backlog-refresh-ms}. */
    @Override
    public List<Backlog> backlog() {
        return backlog.of(new TreeSet<>(channels.keySet()));
    }

    /** How many rows the channel has (waiting, delayed, in flight): for tests and the dashboard. */
    long depth(String channel) throws java.sql.SQLException {
        return table.depth(channel);
    }

    Connection connection() throws java.sql.SQLException {
        return table.connection();
    }
}
