package dev.rebound.testsupport;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An embedded ActiveMQ Artemis broker: {@link #journalled(Path)} is the configuration the tests and benchmarks
 * share, the caller adds its address settings and plugins, {@link #inVm} or {@link #start} runs it until the JVM
 * ends.
 */
public final class Artemis {

    /** The name of the in-VM acceptor {@link #inVm} adds. */
    public static final String IN_VM = "in-vm";

    private final EmbeddedActiveMQ embedded;
    private final ConnectionFactory factory;

    private Artemis(EmbeddedActiveMQ embedded, String url) {
        this.embedded = embedded;
        this.factory = new ActiveMQConnectionFactory(url);
    }

    /**
     * Security off, a persistent journal (NIO) under {@code dir} with a 164 µs buffer timeout: Artemis' default for a
     * file journal; without it each per-message commit waits for a full sync window and throughput caps near 250/s.
     */
    public static ConfigurationImpl journalled(Path dir) {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setSecurityEnabled(false);
        config.setPersistenceEnabled(true);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setJournalBufferTimeout_NIO(164_000);
        config.setJournalBufferTimeout_AIO(164_000);
        return config;
    }

    /** Starts the broker with an in-VM acceptor ({@value #IN_VM}, {@code vm://0}); clients connect in-VM. */
    public static Artemis inVm(ConfigurationImpl config) {
        try {
            config.addAcceptorConfiguration(IN_VM, "vm://0");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return start(config, "vm://0");
    }

    /** Starts the broker with the acceptors {@code config} has; clients connect to {@code url}. */
    public static Artemis start(ConfigurationImpl config, String url) {
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ().setConfiguration(config);
        try {
            embedded.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded broker", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.stop();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
        return new Artemis(embedded, url);
    }

    public ConnectionFactory connectionFactory() {
        return factory;
    }

    public ActiveMQServer server() {
        return embedded.getActiveMQServer();
    }

    /** Messages on a queue, scheduled and in delivery included; 0 for a queue that does not exist. */
    public long depth(String queue) {
        Queue q = server().locateQueue(queue);
        return q == null ? 0 : q.getMessageCount();
    }

    /** How many consumers are attached to a queue. */
    public int consumers(String queue) {
        Queue q = server().locateQueue(queue);
        return q == null ? 0 : q.getConsumerCount();
    }

    /** Removes every message from a queue. */
    public void purge(String queue) {
        Queue q = server().locateQueue(queue);
        if (q != null) {
            try {
                q.deleteAllReferences();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops or starts an acceptor: stopping drops every client's connection and refuses new ones (an outage). */
    public void acceptor(String name, boolean open) {
        try {
            if (open) {
                server().getRemotingService().getAcceptor(name).start();
            } else {
                server().getRemotingService().getAcceptor(name).stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot " + (open ? "start" : "stop") + " the broker's acceptor " + name, e);
        }
    }
}
