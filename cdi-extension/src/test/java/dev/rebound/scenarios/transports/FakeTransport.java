package dev.rebound.scenarios.transports;

import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportCapability;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportFactory;
import dev.rebound.spi.TransportHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A transport that keeps what is sent to its channels in memory and hands it to Rebound only when a test asks
 * ({@link #deliverNext}): enough to see which transport carries which channel, and that a message taken off it
 * reaches its handler through {@link Inbound}. Its channels' status follows pause and resume (the node registry's
 * tests, {@code scenarios.nodes}, use it as each node's transport).
 */
public final class FakeTransport implements Transport {

    /** Makes one {@link FakeTransport}, kept for the test to look at. */
    public static final class Factory implements TransportFactory {

        private final String name;
        private final Set<TransportCapability> capabilities;
        private volatile FakeTransport made;

        public Factory(String name, TransportCapability... capabilities) {
            this.name = name;
            this.capabilities = Set.of(capabilities);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<TransportCapability> capabilities() {
            return capabilities;
        }

        @Override
        public Transport create(TransportContext context) {
            made = new FakeTransport(context);
            return made;
        }

        /** The transport made at deployment, {@code null} if this factory carries no channel. */
        FakeTransport transport() {
            return made;
        }
    }

    private final Map<String, ConcurrentLinkedQueue<Envelope>> queues = new TreeMap<>();
    private final TransportContext context;
    private volatile Inbound inbound;
    private final Set<String> paused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile TransportHealth health = TransportHealth.UP;

    private FakeTransport(TransportContext context) {
        this.context = context;
    }

    TransportContext context() {
        return context;
    }

    @Override
    public synchronized QueueChannel channel(String name) {
        ConcurrentLinkedQueue<Envelope> queue = queues.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>());
        return new QueueChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void enqueue(Envelope envelope, long delayMs) {
                queue.add(envelope);
            }
        };
    }

    /** The channels this transport carries. */
    synchronized Set<String> channels() {
        return Set.copyOf(queues.keySet());
    }

    /** What waits on the channel's queue. */
    List<Envelope> queued(String channel) {
        return new ArrayList<>(queues.get(channel));
    }

    /** Takes the next message off the channel's queue and has Rebound handle it. */
    Outcome deliverNext(String channel) {
        if (paused.contains(channel)) {
            throw new AssertionError(channel + " is paused");
        }
        Envelope envelope = queues.get(channel).poll();
        if (envelope == null) {
            throw new AssertionError("nothing queued on " + channel);
        }
        return inbound.handle(channel, envelope);
    }

    void health(TransportHealth value) {
        health = value;
    }

    @Override
    public void start(Inbound value) {
        paused.clear();
        inbound = value;
    }

    @Override
    public void stop() {
        inbound = null;
    }

    /** The channel stays paused until resumed: {@link #deliverNext} refuses it, as a paused consumer takes nothing. */
    @Override
    public void pause(String channel) {
        paused.add(channel);
    }

    @Override
    public void resume(String channel, Inbound value) {
        paused.remove(channel);
        inbound = value;
    }

    @Override
    public synchronized List<ChannelStatus> status() {
        List<ChannelStatus> status = new ArrayList<>();
        for (String channel : queues.keySet()) {
            status.add(inbound != null && !paused.contains(channel)
                    ? new ChannelStatus(channel, ChannelStatus.State.CONSUMING, 1, 1, 0, 0, null, null, null)
                    : new ChannelStatus(channel, ChannelStatus.State.PAUSED, 1, 0, 0, 0, null, null, null));
        }
        return status;
    }

    @Override
    public TransportHealth health() {
        return health;
    }
}
