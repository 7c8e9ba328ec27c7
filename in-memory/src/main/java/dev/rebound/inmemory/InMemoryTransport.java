package dev.rebound.inmemory;

import dev.rebound.spi.Backlog;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportContext;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Rebound's asynchronous channels on queues in this JVM: for applications' tests, where a broker is too much.
 * Nothing survives the JVM. Stopping keeps the queued messages; starting again consumes them.
 */
final class InMemoryTransport implements Transport {

    private final TransportContext context;
    private final InMemorySettings settings;
    private final Map<String, InMemoryQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, ChannelConsumers> consumers = new ConcurrentHashMap<>();
    /** Asked once, on first use: the context offers the transaction manager only after deployment. */
    private volatile Optional<TransactionManager> transactions;

    InMemoryTransport(TransportContext context, InMemorySettings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public QueueChannel channel(String name) {
        return queues.computeIfAbsent(name, n -> {
            consumers.put(n, new ChannelConsumers(n));
            return new InMemoryQueue(n, settings.capacity(context.channel(n)), context.payloads(),
                    this::transactions);
        });
    }

    @Override
    public synchronized void start(Inbound inbound) {
        ThreadFactory threads = context.threads();
        TransactionManager manager = transactions().orElse(null);
        for (Map.Entry<String, InMemoryQueue> channel : queues.entrySet()) {
            start(channel.getKey(), channel.getValue(), inbound, threads, manager);
        }
    }

    @Override
    public synchronized void resume(String channel, Inbound inbound) {
        start(channel, known(channel), inbound, context.threads(), transactions().orElse(null));
    }

    /** Starts the channel's consumers unless they consume now. */
    private void start(String name, InMemoryQueue queue, Inbound inbound, ThreadFactory threads,
                       TransactionManager manager) {
        ChannelConsumers group = consumers.get(name);
        group.start(Math.max(1, inbound.concurrentConsumers(name)), threads,
                member -> new InMemoryConsumer(queue, queues, group, member, inbound, context.payloads(), manager,
                        settings));
    }

    @Override
    public synchronized void pause(String channel) {
        known(channel);
        consumers.get(channel).stop(settings.shutdownTimeoutMs());
    }

    private InMemoryQueue known(String channel) {
        InMemoryQueue queue = queues.get(channel);
        if (queue == null) {
            throw new IllegalArgumentException(InMemoryDiagnostics.unknownChannel(channel,
                    new java.util.TreeSet<>(queues.keySet())));
        }
        return queue;
    }

    @Override
    public synchronized void stop() {
        for (ChannelConsumers group : consumers.values()) {
            group.stop(settings.shutdownTimeoutMs());
        }
    }

    @Override
    public List<ChannelStatus> status() {
        List<ChannelStatus> all = new ArrayList<>();
        for (ChannelConsumers group : consumers.values()) {
            all.add(group.status());
        }
        return all;
    }

    /** Every queue's depth and lag, counted now (a queue in memory costs nothing to ask). */
    @Override
    public List<Backlog> backlog() {
        List<Backlog> all = new ArrayList<>();
        for (InMemoryQueue queue : queues.values()) {
            all.add(queue.backlog());
        }
        return all;
    }

    /** The queue of a channel, or {@code null}. */
    InMemoryQueue queue(String channel) {
        return queues.get(channel);
    }

    Map<String, InMemoryQueue> queues() {
        return queues;
    }

    private Optional<TransactionManager> transactions() {
        Optional<TransactionManager> known = transactions;
        if (known == null) {
            known = context.transactionManager();
            transactions = known;
        }
        return known;
    }
}
