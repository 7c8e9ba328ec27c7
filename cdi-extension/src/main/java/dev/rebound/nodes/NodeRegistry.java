package dev.rebound.nodes;

import dev.rebound.Consumers;
import dev.rebound.Node;
import dev.rebound.Nodes;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.tx.Transactions;
import dev.rebound.spi.ChannelStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node registry of one node: at its start and then every heartbeat interval it writes its row of
 * {@code rebound_node} (name, start, heartbeat, its consumers per channel) in a short transaction of its own, on one
 * thread of the container's thread factory (managed threads in a server), never on a message's path; at shutdown it
 * marks the row stopped. Whoever heartbeats also deletes, at most {@value #PURGE_BATCH} at a time and once an hour,
 * the rows of nodes not heard from for {@link #RETENTION}. {@link #list()} reads every row.
 *
 * <p>A pause or resume of a channel on every node ({@link #pauseEverywhere}) is a row of
 * {@code rebound_channel_pause}: the node asked applies it at once, every other node at its next heartbeat (so within
 * one interval), a node that starts later at its first; each node applies each change once, so that a pause or resume
 * on one node afterwards holds until the next change everywhere.
 *
 * <p>Without a database the registry is off (REBOUND-2196) and lists this node only. A heartbeat that fails is
 * logged once per outage (REBOUND-2197) and tried again at the next interval; the recovery is logged (REBOUND-2198).
 */
public final class NodeRegistry implements Nodes {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class.getName());

    /** The heartbeat interval, in milliseconds. */
    public static final String HEARTBEAT = "rebound.node.heartbeat-ms";

    public static final long DEFAULT_HEARTBEAT_MS = 10_000;
    static final long MIN_HEARTBEAT_MS = 200;
    static final long MAX_HEARTBEAT_MS = 3_600_000;

    /** Heartbeats a node may miss before it is {@link Node.State#NOT_SEEN}. */
    public static final int SILENT_BEATS = 3;

    /** How long the row of a node not heard from is kept. */
    public static final Duration RETENTION = Duration.ofDays(7);

    static final Duration PURGE_EVERY = Duration.ofHours(1);
    static final int PURGE_BATCH = 100;

    /** The most rows {@link #list()} reads. */
    static final int MAX_NODES = 1_000;

    private final String name;
    private final Duration heartbeat;
    private final NodeTable table;
    private final Transactions transactions;
    private final Clock clock;
    private final Consumers consumers;
    /** Per channel, the last change everywhere this node applied (its {@code changed_at}). */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final String version;
    private volatile long startedAt;
    private volatile boolean shared;
    private volatile Long lastBeat;
    private volatile boolean failing;
    private volatile boolean unreadable;
    private long lastPurge = Long.MIN_VALUE;
    private ScheduledExecutorService scheduler;

    /**
     * @param consumers this node's consumers (the {@code Consumers} bean)
     */
    public NodeRegistry(String name, Duration heartbeat, NodeTable table, Transactions transactions, Clock clock,
                        Consumers consumers) {
        this.name = name;
        this.heartbeat = heartbeat;
        this.table = table;
        this.transactions = transactions;
        this.clock = clock;
        this.consumers = consumers;
        this.version = version();
        this.startedAt = clock.millis();
    }

    /**
     * The heartbeat interval {@code rebound.node.heartbeat-ms}: a whole number of milliseconds from
     * {@value #MIN_HEARTBEAT_MS} to {@value #MAX_HEARTBEAT_MS}, {@value #DEFAULT_HEARTBEAT_MS} when not set.
     *
     * @throws IllegalArgumentException REBOUND-2049 naming the value
     */
    public static Duration heartbeat(Optional<String> setting) {
        String value = setting.map(String::strip).orElse(null);
        if (value == null) {
            return Duration.ofMillis(DEFAULT_HEARTBEAT_MS);
        }
        try {
            long ms = Long.parseLong(value);
            if (ms >= MIN_HEARTBEAT_MS && ms <= MAX_HEARTBEAT_MS) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(Diagnostics.badHeartbeat(HEARTBEAT, value, MIN_HEARTBEAT_MS,
                MAX_HEARTBEAT_MS));
    }

    /**
     * Starts the heartbeat (its first one now, on its thread) when there is a database; else logs that the registry
     * is off. Before that, in the caller's thread, it applies the channels paused everywhere, so that a node starting
     * while a channel is paused everywhere pauses it right after its consumers started.
     */
    public synchronized void start(ThreadFactory threads, boolean database) {
        if (scheduler != null) {
            return;
        }
        startedAt = clock.millis();
        lastBeat = null;
        if (!database) {
            shared = false;
            LOG.info(Diagnostics.nodeRegistryOff(name));
            return;
        }
        shared = true;
        try {
            applyOrders();
        } catch (Throwable e) {
            LOG.log(Level.FINE, "reading rebound_channel_pause failed", e);       // again at the first heartbeat
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        scheduler.scheduleWithFixedDelay(this::beatLogged, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** At shutdown: the heartbeat ends, and the row says the node stopped (with its consumers as they are now). */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        halt();
        try {
            String channels = ChannelLines.write(consumers.status());
            transactions.inNewTransaction(() -> table.stopped(name, clock.millis(), channels));
        } catch (Throwable e) {
            LOG.log(Level.WARNING, Diagnostics.nodeStopNotRecorded(name, e), e);
        }
    }

    /**
     * Ends the heartbeat without marking the node stopped: what the others see of a node that died or hangs (its
     * row stays as its last heartbeat left it). {@link #stop()} afterwards does nothing.
     */
    public synchronized void halt() {
        if (scheduler == null) {
            return;
        }
        // the heartbeat in hand finishes (not interrupted in its JDBC call); the next ones are cancelled
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    private void beatLogged() {
        try {
            applyOrders();
        } catch (Throwable e) {
            // the database away: the heartbeat below says so; the changes are applied at the next heartbeat
            LOG.log(Level.FINE, "reading rebound_channel_pause failed", e);
        }
        try {
            beat();
            if (failing) {
                failing = false;
                LOG.info(Diagnostics.heartbeatBack(name));
            }
        } catch (Throwable e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, Diagnostics.heartbeatFailed(name, e), e);
            }
        }
        try {
            purge();
        } catch (Throwable e) {
            LOG.log(Level.FINE, "purging rebound_node failed", e);
        }
    }

    /** One heartbeat: this node's row written with its consumers as they are now. */
    void beat() throws Throwable {
        long now = clock.millis();
        boolean first = lastBeat == null;
        long started = startedAt;
        String channels = ChannelLines.write(consumers.status());
        transactions.inNewTransaction(() -> {
            if (first) {
                NodeRow before = table.find(name);
                if (before != null && before.stoppedAt() == null && before.startedAt() != started
                        && now - before.heartbeatAt() < SILENT_BEATS * before.heartbeatMs()) {
                    LOG.warning(Diagnostics.nodeNameInUse(name, Instant.ofEpochMilli(before.heartbeatAt()),
                            Instant.ofEpochMilli(before.startedAt())));
                }
            }
            table.write(new NodeRow(name, started, now, heartbeat.toMillis(), null, version, channels));
            return null;
        });
        lastBeat = now;
    }

    /**
     * Applies the pauses and resumes everywhere this node has not applied yet: a pause always (also one from before
     * this node started), a resume only of a change seen after this node's start (a channel is consuming then anyway).
     * Outside any transaction: a pause waits for the channel's handlers in flight.
     */
    void applyOrders() throws Throwable {
        List<NodeTable.ChannelOrder> orders = transactions.inNewTransaction(table::orders);
        Set<String> mine = consumers.channels();
        for (NodeTable.ChannelOrder order : orders) {
            Long before = applied.get(order.channel());
            if (before != null && before >= order.changedAt()) {
                continue;
            }
            applied.merge(order.channel(), order.changedAt(), Long::max);
            if (!mine.contains(order.channel()) || (!order.paused() && before == null)) {
                continue;
            }
            if (order.paused()) {
                consumers.pause(order.channel());
            } else {
                consumers.resume(order.channel());
            }
            LOG.info(Diagnostics.appliedEverywhere(name, order.channel(), order.paused(), order.changedBy(),
                    Instant.ofEpochMilli(order.changedAt())));
        }
    }

    @Override
    public void pauseEverywhere(String channel) {
        everywhere(channel, true);
    }

    @Override
    public void resumeEverywhere(String channel) {
        everywhere(channel, false);
    }

    private void everywhere(String channel, boolean pause) {
        if (!consumers.channels().contains(channel)) {
            consumers.status(channel);                              // REBOUND-2070: not an asynchronous channel
        }
        if (!shared) {
            throw new IllegalStateException(Diagnostics.noRegistryForEverywhere(channel, pause));
        }
        long stored;
        try {
            stored = transactions.inNewTransaction(() -> table.order(channel, pause, clock.millis(), name));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        applied.merge(channel, stored, Long::max);
        if (pause) {
            consumers.pause(channel);
        } else {
            consumers.resume(channel);
        }
    }

    @Override
    public Set<String> pausedEverywhere() {
        Set<String> paused = new LinkedHashSet<>();
        if (!shared) {
            return paused;
        }
        try {
            transactions.inNewTransaction(table::orders).stream().filter(NodeTable.ChannelOrder::paused)
                    .forEach(order -> paused.add(order.channel()));
        } catch (Throwable e) {
            LOG.log(Level.FINE, "reading rebound_channel_pause failed", e);
        }
        return paused;
    }

    /** Once an hour (the first time with the first heartbeat): the rows of nodes gone for a week, a batch at most. */
    private void purge() throws Throwable {
        long now = clock.millis();
        if (lastPurge != Long.MIN_VALUE && now - lastPurge < PURGE_EVERY.toMillis()) {
            return;
        }
        lastPurge = now;
        int deleted = transactions.inNewTransaction(() -> table.purge(now - RETENTION.toMillis(), PURGE_BATCH));
        if (deleted > 0) {
            LOG.info(Diagnostics.nodesPurged(deleted, RETENTION));
        }
    }

    @Override
    public String self() {
        return name;
    }

    @Override
    public boolean shared() {
        return shared;
    }

    @Override
    public Duration heartbeat() {
        return heartbeat;
    }

    @Override
    public List<Node> list() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(selfNode());
        if (!shared) {
            return nodes;
        }
        List<NodeRow> rows;
        try {
            rows = transactions.inNewTransaction(() -> table.all(MAX_NODES));
            unreadable = false;
        } catch (Throwable e) {
            if (!unreadable) {
                unreadable = true;
                LOG.log(Level.WARNING, Diagnostics.nodeRegistryUnreadable(e), e);
            }
            return nodes;
        }
        long now = clock.millis();
        for (NodeRow row : rows) {
            if (!row.node().equals(name)) {
                nodes.add(node(row, now));
            }
        }
        return nodes;
    }

    /** This node, its consumers as they are now. */
    private Node selfNode() {
        Long beat = lastBeat;
        List<Node.Channel> channels = new ArrayList<>();
        for (ChannelStatus s : consumers.status()) {
            channels.add(new Node.Channel(s.channel(), s.state(), s.configured(), s.live(),
                    s.failure() == null ? null : s.failure().toString()));
        }
        return new Node(name, Node.State.ALIVE, true, Instant.ofEpochMilli(startedAt),
                beat == null ? null : Instant.ofEpochMilli(beat), heartbeat, null, version, channels);
    }

    /** Another node as its row says, its state judged at {@code now} by its own heartbeat interval. */
    static Node node(NodeRow row, long now) {
        Node.State state = row.stoppedAt() != null ? Node.State.STOPPED
                : now - row.heartbeatAt() > SILENT_BEATS * row.heartbeatMs() ? Node.State.NOT_SEEN : Node.State.ALIVE;
        return new Node(row.node(), state, false, Instant.ofEpochMilli(row.startedAt()),
                Instant.ofEpochMilli(row.heartbeatAt()), Duration.ofMillis(row.heartbeatMs()),
                row.stoppedAt() == null ? null : Instant.ofEpochMilli(row.stoppedAt()), row.version(),
                ChannelLines.read(row.channels()));
    }

    /** The version of Rebound, from the build ({@code dev/rebound/nodes/version.txt}). */
    static String version() {
        try (InputStream in = NodeRegistry.class.getResourceAsStream("version.txt")) {
            String read = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return read.isEmpty() || read.startsWith("$") ? "unknown" : read;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
