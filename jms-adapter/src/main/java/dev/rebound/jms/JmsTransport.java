package dev.rebound.jms;

import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportHealth;
import dev.rebound.spi.TransportSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import jakarta.enterprise.inject.literal.NamedLiteral;

/** Asynchronous channels on JMS queues, with their consumers. */
public final class JmsTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(JmsTransport.class.getName());
    static final String FALLBACK = "fallback";

    private final TransportContext context;
    private final JmsSettings settings;
    private final Supplier<ConnectionFactory> factory;
    private final WireFormat wire;
    private final Map<String, JmsChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
    private final PendingOutcomes pending = new PendingOutcomes(10_000);
    /** The decisions shared with the other nodes on the broker, once consumers start in a joined mode. */
    private SharedDecisions shared;
    /** The decisions kept in the database instead, once consumers start in a joined mode (when there is the table). */
    private StoredDecisions stored;
    private final BrokerHealth health;
    private final DeferredSends deferred;
    private final Sender sender;
    private final BatchSends batches;

    public JmsTransport(TransportContext context) {
        this.context = context;
        this.settings = JmsSettings.read(context);
        this.factory = Once.of(this::connectionFactory);
        this.wire = new WireFormat(context.payloads());
        this.health = new BrokerHealth(factory, context::threads, settings.healthTimeoutMs());
        this.sender = new Sender(factory, context::inServer);
        this.deferred = new DeferredSends(() -> DeferredSends.find(
                () -> context.bean(TransactionSynchronizationRegistry.class), context::transactionManager), sender);
        this.batches = new BatchSends(sender, () -> mode(context.transactionManager()), this::xaFactory,
                context::transactionManager);
    }

    /** Reads the channel's send settings ({@code rebound.channel.<name>.send-*}, {@code .fallback}) now. */
    @Override
    public QueueChannel channel(String name) {
        return channels.computeIfAbsent(name, n -> {
            TransportSettings own = context.channel(n);
            String fallback = own.get(FALLBACK).orElse(null);
            JmsChannel.Sending sending = new JmsChannel.Sending(SendRetry.read(own, settings.sendRetry()), fallback,
                    Once.of(() -> context.queueChannel(fallback).orElseThrow()), deferred, sender, batches);
            return new JmsChannel(n, new QueueRef(n, settings.queue(n), context), wire, sending);
        });
    }

    /**
     * Fails the start when a channel's fallback is not a queue channel of the application, is the channel itself,
     * or has a fallback of its own (no chains, so a message never goes round them).
     */
    private void checkFallbacks() {
        for (JmsChannel channel : channels.values()) {
            String fallback = channel.fallbackName();
            if (fallback == null) {
                continue;
            }
            String property = context.channel(channel.name()).property(FALLBACK);
            String reason = null;
            if (fallback.equals(channel.name())) {
                reason = "it is the channel itself";
            } else if (context.queueChannel(fallback).isEmpty()) {
                reason = "no asynchronous channel has that name";
            } else if (channels.containsKey(fallback) && channels.get(fallback).fallbackName() != null) {
                reason = "it has a fallback of its own (" + channels.get(fallback).fallbackName() + ")";
            }
            if (reason != null) {
                throw new IllegalStateException(JmsDiagnostics.badFallback(channel.name(), property, fallback, reason));
            }
        }
    }

    @Override
    public synchronized void start(Inbound inbound) {
        Optional<TransactionManager> tm = context.transactionManager();
        ConsumerTransactions mode = mode(tm);
        channels.values().forEach(channel -> channel.queueRef().resolve());
        checkFallbacks();
        logMode(channels.keySet(), mode);
        share(mode);
        for (JmsChannel channel : channels.values()) {
            start(channel, inbound, mode, tm);
        }
    }

    @Override
    public synchronized void resume(String name, Inbound inbound) {
        JmsChannel channel = known(name);
        ConsumerGroup running = groups.get(name);
        if (running != null && running.running()) {
            return;
        }
        Optional<TransactionManager> tm = context.transactionManager();
        ConsumerTransactions mode = mode(tm);
        channel.queueRef().resolve();
        logMode(List.of(name), mode);
        share(mode);
        start(channel, inbound, mode, tm);
    }

    /** Starts the channel's consumers unless they consume now. */
    private void start(JmsChannel channel, Inbound inbound, ConsumerTransactions mode,
                       Optional<TransactionManager> tm) {
        ConsumerGroup running = groups.get(channel.name());
        if (running != null && running.running()) {
            return;
        }
        if (running != null) {           // paused, or stopped by STOP: its threads end with the message in hand
            running.stop(settings.shutdownTimeoutMs());
        }
        ConsumerGroup group = new ConsumerGroup(channel.name());
        groups.put(channel.name(), group);
        group.start(inbound.concurrentConsumers(channel.name()), context.threads(),
                g -> new JmsConsumer(channel, channels, () -> session(mode, channel.queueRef(), tm), wire, inbound,
                        settings, g, pending, shared, stored));
    }

    /**
     * Where the handler joins the consumer's transaction ({@code xa}, {@code jta}), the decisions about failed
     * messages are shared with the other nodes consuming the same queues: in the table {@code rebound_decision}
     * ({@link DecisionTable}, {@code rebound.jms.decisions-table}) when the data source has it, else on the topic
     * ({@link SharedDecisions}), unless {@code rebound.jms.decisions-topic=none}. Decided once per start.
     */
    private void share(ConsumerTransactions mode) {
        if (shared != null || stored != null
                || (mode != ConsumerTransactions.XA && mode != ConsumerTransactions.JTA)) {
            return;
        }
        if (sharing) {
            return;                      // decided at this start: the topic, or not shared
        }
        sharing = true;
        stored = storedDecisions();
        if (stored != null) {
            LOG.log(Level.INFO, JmsDiagnostics.decisionsInTable(stored.source(), settings.decisionsRetentionMs()));
            stored.start(context.threads());
            return;
        }
        if (settings.decisionsTopic() == null) {
            return;
        }
        shared = new SharedDecisions(factory, settings.decisionsTopic(), pending);
        shared.start(context.threads());
    }

    /** Whether {@link #share} decided how the decisions are shared since the start. */
    private boolean sharing;

    /**
     * The decisions table on the data source of {@code rebound.jms.decisions-datasource} or the {@code DataSource}
     * bean; {@code null}, logged ({@code REBOUND-3109}), without one or without the table, unless
     * {@code rebound.jms.decisions-table=required}: then that fails the start. A data source named but not found
     * always does.
     */
    private StoredDecisions storedDecisions() {
        JmsSettings.DecisionsTable use = settings.decisionsTable();
        if (use == JmsSettings.DecisionsTable.NONE) {
            String off = context.settings().property(JmsSettings.DECISIONS_TABLE) + "=none";
            LOG.log(Level.INFO, JmsDiagnostics.decisionsNotInTable(off, settings.decisionsTopic()));
            return null;
        }
        boolean required = use == JmsSettings.DecisionsTable.REQUIRED;
        String name = settings.decisionsDataSource();
        DataSource dataSource;
        String source;
        if (name != null) {
            dataSource = namedDataSource(name);
            source = "the data source " + name;
        } else {
            dataSource = context.bean(DataSource.class);
            source = "the DataSource bean";
            if (dataSource == null) {
                String why = "there is no DataSource bean (and "
                        + context.settings().property(JmsSettings.DECISIONS_DATASOURCE) + " names none)";
                if (required) {
                    throw new IllegalStateException(JmsDiagnostics.decisionsTableRequired(why));
                }
                LOG.log(Level.INFO, JmsDiagnostics.decisionsNotInTable(why, settings.decisionsTopic()));
                return null;
            }
        }
        List<String> missing;
        try {
            missing = DecisionTable.missing(dataSource);
        } catch (java.sql.SQLException | RuntimeException e) {
            if (required) {
                throw new IllegalStateException(JmsDiagnostics.decisionsTableUnreadable(source, e), e);
            }
            LOG.log(Level.WARNING, JmsDiagnostics.decisionsNotInTable("the schema of " + source + " cannot be read: "
                    + e, settings.decisionsTopic()), e);
            return null;
        }
        if (!missing.isEmpty()) {
            String why = source + " lacks " + String.join(", ", missing);
            if (required) {
                throw new IllegalStateException(JmsDiagnostics.decisionsTableRequired(why));
            }
            LOG.log(Level.WARNING, JmsDiagnostics.decisionsNotInTable(why, settings.decisionsTopic()));
            return null;
        }
        return new StoredDecisions(new DecisionTable(dataSource, DecisionTable.defaultNode(),
                settings.decisionsRetentionMs()), source);
    }

    /** {@code rebound.jms.decisions-datasource}: a CDI bean {@code @Named} so, else JNDI; fails if neither. */
    private DataSource namedDataSource(String name) {
        DataSource named = context.bean(DataSource.class, NamedLiteral.of(name));
        if (named != null) {
            return named;
        }
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(JmsDiagnostics.noDecisionsDataSource(name), e);
        }
    }

    private JmsChannel known(String name) {
        JmsChannel channel = channels.get(name);
        if (channel == null) {
            throw new IllegalArgumentException(JmsDiagnostics.unknownChannel(name, new TreeSet<>(channels.keySet())));
        }
        return channel;
    }

    /** The consumption mode, resolved when the consumers start (the container's resources exist by then). */
    ConsumerTransactions mode(Optional<TransactionManager> tm) {
        ConsumerTransactions configured = settings.transactions();
        if (configured == ConsumerTransactions.XA || configured == ConsumerTransactions.JTA) {
            if (tm.isEmpty()) {
                throw new IllegalStateException(JmsDiagnostics.needsTransactionManager(ConsumerTransactions.PROPERTY,
                        configured.name().toLowerCase(java.util.Locale.ROOT)));
            }
            return configured;
        }
        if (configured == ConsumerTransactions.LOCAL) {
            return configured;
        }
        if (tm.isEmpty()) {
            return ConsumerTransactions.LOCAL;
        }
        if (context.inServer()) {
            return ConsumerTransactions.JTA;
        }
        return factory.get() instanceof XAConnectionFactory ? ConsumerTransactions.XA : ConsumerTransactions.LOCAL;
    }

    private ConsumerSession session(ConsumerTransactions mode, QueueRef queue, Optional<TransactionManager> tm) {
        return switch (mode) {
            case XA -> new XaSession(xaFactory(), queue, tm.orElseThrow());
            case JTA -> new ContainerSession(factory.get(), queue, tm.orElseThrow());
            default -> new LocalSession(factory.get(), queue);
        };
    }

    private XAConnectionFactory xaFactory() {
        if (factory.get() instanceof XAConnectionFactory xa) {
            return xa;
        }
        throw new IllegalStateException(JmsDiagnostics.xaNeedsXaFactory(ConsumerTransactions.PROPERTY,
                factory.get().getClass().getName()));
    }

    private static void logMode(java.util.Collection<String> names, ConsumerTransactions mode) {
        LOG.log(Level.INFO, JmsDiagnostics.consumptionMode(), new Object[] {names, describe(mode)});
    }

    private static String describe(ConsumerTransactions mode) {
        return switch (mode) {
            case XA -> "in one XA transaction (stand-alone XA connection factory enlisted in JTA)";
            case JTA -> "in one JTA transaction (the server's connection factory joins it)";
            default -> "in a transacted JMS session, the handler in a JTA transaction of its own committed "
                    + "first (at-least-once: a crash between the two commits runs the handler again)";
        };
    }

    /** Stops every group; they stay in {@link #groups}, so that the status says paused (and who outlived it). */
    @Override
    public synchronized void stop() {
        groups.values().forEach(group -> group.stop(settings.shutdownTimeoutMs()));
        if (shared != null) {
            shared.close();
            shared = null;
        }
        if (stored != null) {
            stored.close();
            stored = null;
        }
        sharing = false;
        batches.close();
    }

    /** Stops the channel's group, kept in {@link #groups} like {@link #stop()} keeps them all. */
    @Override
    public synchronized void pause(String name) {
        known(name);
        ConsumerGroup group = groups.get(name);
        if (group != null) {
            group.stop(settings.shutdownTimeoutMs());
        }
    }

    @Override
    public List<ChannelStatus> status() {
        List<ChannelStatus> status = new ArrayList<>();
        for (String name : new TreeSet<>(channels.keySet())) {
            ConsumerGroup group = groups.get(name);
            status.add(group != null ? group.status()
                    : new ChannelStatus(name, ChannelStatus.State.NOT_STARTED, 0, 0, 0, 0, null, null, null));
        }
        return status;
    }

    /**
     * Whether the broker answers: a connection is opened and closed with the consumers' connection factory, in
     * at most {@code rebound.jms.health-timeout-ms}.
     */
    @Override
    public TransportHealth health() {
        return health.check();
    }

    private ConnectionFactory connectionFactory() {
        ConnectionFactory bean = context.bean(ConnectionFactory.class);
        if (bean != null) {
            return bean;
        }
        try {
            return (ConnectionFactory) new InitialContext().lookup(settings.connectionFactory());
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(JmsDiagnostics.noConnectionFactory(settings.connectionFactory()), e);
        }
    }
}
