package dev.rebound.jms;

import dev.rebound.core.Lazy;
import dev.rebound.core.async.ConsumerHandling;
import dev.rebound.core.async.PoisonMessages;
import dev.rebound.core.async.Transport;
import dev.rebound.core.async.TransportContext;
import dev.rebound.spi.QueueChannel;
import jakarta.jms.ConnectionFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Asynchronous channels on JMS queues, with their consumers. */
public final class JmsTransport implements Transport {

    private final TransportContext context;
    private final JmsSettings settings;
    private final Supplier<ConnectionFactory> factory;
    private final WireFormat wire;
    private final Map<String, JmsChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, ConsumerGroup> groups = new ConcurrentHashMap<>();

    public JmsTransport(TransportContext context) {
        this.context = context;
        this.settings = JmsSettings.read(context.config());
        this.factory = Lazy.of(this::connectionFactory);
        this.wire = new WireFormat(context.jsonb(), context.payloadTypes());
    }

    @Override
    public QueueChannel channel(String name) {
        return channels.computeIfAbsent(name, n -> new JmsChannel(n, settings.queue(n), factory, wire));
    }

    @Override
    public synchronized void start(ConsumerHandling handling, PoisonMessages poison) {
        for (JmsChannel channel : channels.values()) {
            ConsumerGroup group = new ConsumerGroup(channel.name());
            groups.put(channel.name(), group);
            group.start(handling.concurrentConsumers(channel.name()), context.threads().get(),
                    g -> new JmsConsumer(channel, channels, factory, wire, handling, poison, settings, g));
        }
    }

    @Override
    public synchronized void stop() {
        groups.values().forEach(group -> group.stop(settings.shutdownTimeoutMs()));
        groups.clear();
    }

    @Override
    public Map<String, String> stopped() {
        Map<String, String> stopped = new LinkedHashMap<>();
        groups.forEach((name, group) -> {
            if (group.stoppedBecause() != null) {
                stopped.put(name, group.stoppedBecause());
            }
        });
        return stopped;
    }

    private ConnectionFactory connectionFactory() {
        ConnectionFactory bean = context.beans().find(ConnectionFactory.class);
        if (bean != null) {
            return bean;
        }
        try {
            return (ConnectionFactory) new InitialContext().lookup(settings.connectionFactory());
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("REBOUND-2017: No JMS ConnectionFactory: no CDI bean of that type and "
                    + "nothing usable at JNDI name " + settings.connectionFactory()
                    + " (set rebound.jms.connection-factory).", e);
        }
    }
}
