package dev.rebound.bench;

import dev.rebound.testsupport.Artemis;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * One embedded ActiveMQ Artemis broker for both sides of every comparison: in-VM, the persistent journal
 * (NIO) of {@link Artemis#journalled} with its 164 µs buffer timeout (without it each per-message commit waits
 * for a full sync window and throughput caps near 250/s). Every address gets the same settings:
 * broker redelivery without delay, 4 delivery attempts, then the dead-letter address {@value #DLQ} — what the
 * hand-written consumer relies on; Rebound never lets the broker redeliver in these runs.
 */
public final class BenchBroker {

    public static final String DLQ = "bench.DLQ";
    /** Delivery attempts before the broker moves a message to {@link #DLQ}: 1 + 3 retries, as Rebound's. */
    public static final int MAX_DELIVERY_ATTEMPTS = 4;

    private static Artemis broker;
    /**
     * Artemis' audit loggers ({@code org.apache.activemq.audit.base}, {@code .message}, {@code .resource}) off: they
     * log every send and session at INFO through SLF4J to java.util.logging. Held here, as JUL keeps its loggers
     * weakly.
     */
    private static final java.util.logging.Logger AUDIT = quiet("org.apache.activemq.audit");
    private static final java.util.logging.Logger AUDIT_BASE = quiet("org.apache.activemq.audit.base");
    private static final java.util.logging.Logger AUDIT_MESSAGE = quiet("org.apache.activemq.audit.message");
    private static final java.util.logging.Logger AUDIT_RESOURCE = quiet("org.apache.activemq.audit.resource");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }

    private BenchBroker() {
    }

    public static synchronized ConnectionFactory connectionFactory() {
        return broker().connectionFactory();
    }

    private static synchronized Artemis broker() {
        if (broker == null) {
            ConfigurationImpl config = Artemis.journalled(Path.of("target", "artemis"));
            config.addQueueConfiguration(QueueConfiguration.of(DLQ).setRoutingType(RoutingType.ANYCAST));
            // configured, so never auto-deleted: the dedup suite pauses one channel's consumers while it fills
            // its queue, and an auto-created queue removed in that moment drops what is sent to its address
            for (String queue : new String[] {"bench.dedup", "bench.nodedup"}) {
                config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
            }
            config.addAddressSetting("#", new AddressSettings()
                    .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                    .setDeadLetterAddress(SimpleString.of(DLQ))
                    .setExpiryAddress(SimpleString.of(DLQ))
                    .setAutoCreateDeadLetterResources(false)
                    .setRedeliveryDelay(0)
                    .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                    .setAutoCreateQueues(true).setAutoCreateAddresses(true));
            broker = Artemis.inVm(config);
        }
        return broker;
    }

    /** Messages on a queue, scheduled and in delivery included. */
    public static long depth(String queue) {
        return broker().depth(queue);
    }

    /** Removes every message from a queue. */
    public static void purge(String queue) {
        broker().purge(queue);
    }
}
