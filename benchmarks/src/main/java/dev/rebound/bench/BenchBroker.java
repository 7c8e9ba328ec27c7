package dev.rebound.bench;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * One embedded ActiveMQ Artemis broker for both sides of every comparison: in-VM, persistent journal
 * (NIO) with a 164 µs buffer timeout (Artemis' default for a file journal; without it each per-message
 * commit waits for a full sync window and throughput caps near 250/s). Every address gets the same settings:
 * broker redelivery without delay, 4 delivery attempts, then the dead-letter address {@value #DLQ} — what the
 * hand-written consumer relies on; Rebound never lets the broker redeliver in these runs.
 */
public final class BenchBroker {

    public static final String DLQ = "bench.DLQ";
    /** Delivery attempts before the broker moves a message to {@link #DLQ}: 1 + 3 retries, as Rebound's. */
    public static final int MAX_DELIVERY_ATTEMPTS = 4;

    private static EmbeddedActiveMQ server;
    private static ConnectionFactory factory;

    private BenchBroker() {
    }

    public static synchronized ConnectionFactory connectionFactory() {
        if (server == null) {
            try {
                ConfigurationImpl config = new ConfigurationImpl();
                config.setSecurityEnabled(false);
                config.setPersistenceEnabled(true);
                config.setJournalDirectory("target/artemis/journal");
                config.setBindingsDirectory("target/artemis/bindings");
                config.setLargeMessagesDirectory("target/artemis/large");
                config.setPagingDirectory("target/artemis/paging");
                config.setJournalBufferTimeout_NIO(164_000);
                config.setJournalBufferTimeout_AIO(164_000);
                config.addAcceptorConfiguration("in-vm", "vm://0");
                config.addQueueConfiguration(QueueConfiguration.of(DLQ).setRoutingType(RoutingType.ANYCAST));
                config.addAddressSetting("#", new AddressSettings()
                        .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                        .setDeadLetterAddress(SimpleString.of(DLQ))
                        .setExpiryAddress(SimpleString.of(DLQ))
                        .setAutoCreateDeadLetterResources(false)
                        .setRedeliveryDelay(0)
                        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                        .setAutoCreateQueues(true).setAutoCreateAddresses(true));
                server = new EmbeddedActiveMQ().setConfiguration(config);
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(BenchBroker::stop));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the embedded broker", e);
            }
            factory = new ActiveMQConnectionFactory("vm://0");
        }
        return factory;
    }

    private static void stop() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // the JVM is going away
        }
    }

    /** Messages on a queue, scheduled and in delivery included. */
    public static long depth(String queue) {
        Queue q = server.getActiveMQServer().locateQueue(queue);
        return q == null ? 0 : q.getMessageCount();
    }

    /** Removes every message from a queue. */
    public static void purge(String queue) {
        connectionFactory();
        Queue q = server.getActiveMQServer().locateQueue(queue);
        if (q != null) {
            try {
                q.deleteAllReferences();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
