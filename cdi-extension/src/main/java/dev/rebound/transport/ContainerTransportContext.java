package dev.rebound.transport;

import dev.rebound.config.ReboundConfig;
import dev.rebound.core.Lazy;
import dev.rebound.core.tx.Transactions;
import dev.rebound.pipeline.RelayedBatches;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.PayloadCodec;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportSettings;
import jakarta.transaction.TransactionManager;
import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/** What one transport gets from Rebound and the container; everything container-side is looked up lazily. */
public final class ContainerTransportContext implements TransportContext {

    /** Looks up CDI beans. */
    @FunctionalInterface
    public interface Beans {
        /** The bean of the type with the qualifiers, or {@code null} if there is none. */
        <T> T find(Class<T> type, Annotation... qualifiers);
    }

    private final ReboundConfig config;
    private final TransportSettings settings;
    private final Beans beans;
    private final PayloadCodec payloads;
    private final Supplier<ThreadFactory> threads;
    private final Transactions transactions;
    private final BooleanSupplier inServer;
    private final Function<String, QueueChannel> queues;
    private final RelayedBatches relayed;

    /**
     * @param transport the transport's name, the prefix of its settings
     * @param threads the container's managed thread factory, or a plain one; asked once
     * @param transactions JTA demarcation; its manager is the transport's, if {@link Transactions#available()}
     * @param inServer whether Rebound runs in a Jakarta EE server; asked lazily
     * @param queues the application's queue channels by name ({@code null} for none)
     * @param relayed where a relay's envelopes are gathered for the interceptors
     */
    public ContainerTransportContext(String transport, ReboundConfig config, Beans beans, PayloadCodec payloads,
                                     Supplier<ThreadFactory> threads, Transactions transactions,
                                     BooleanSupplier inServer, Function<String, QueueChannel> queues,
                                     RelayedBatches relayed) {
        this.config = config;
        this.settings = ConfigSettings.transport(config, transport);
        this.beans = beans;
        this.payloads = payloads;
        this.threads = Lazy.of(threads);
        this.transactions = transactions;
        this.inServer = inServer;
        this.queues = queues;
        this.relayed = relayed;
    }

    @Override
    public TransportSettings settings() {
        return settings;
    }

    @Override
    public TransportSettings channel(String channel) {
        return ConfigSettings.channel(config, channel);
    }

    @Override
    public <T> T bean(Class<T> type, Annotation... qualifiers) {
        return beans.find(type, qualifiers);
    }

    @Override
    public PayloadCodec payloads() {
        return payloads;
    }

    @Override
    public ThreadFactory threads() {
        return threads.get();
    }

    @Override
    public Optional<TransactionManager> transactionManager() {
        return transactions.available() ? Optional.of(transactions.manager()) : Optional.empty();
    }

    @Override
    public boolean inServer() {
        return inServer.getAsBoolean();
    }

    @Override
    public Optional<QueueChannel> queueChannel(String name) {
        return Optional.ofNullable(queues.apply(name));
    }

    @Override
    public void relayed(String channel, String target, Envelope envelope) {
        relayed.relayed(channel, target, envelope);
    }
}
