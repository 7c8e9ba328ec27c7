package dev.rebound.jms.testing;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Collections;
import java.util.function.Predicate;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** One embedded ActiveMQ Artemis broker (in-VM, persistent journal) for the whole test run. */
public final class Broker {

    private static EmbeddedActiveMQ server;
    private static ConnectionFactory factory;
    private static volatile Predicate<org.apache.activemq.artemis.api.core.Message> refused = message -> false;

    private Broker() {
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
                config.addAddressSetting("#", new AddressSettings()
                        .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                        .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of("DLQ"))
                        .setMaxDeliveryAttempts(5)
                        .setAutoCreateQueues(true).setAutoCreateAddresses(true));
                config.registerBrokerPlugin(new ActiveMQServerMessagePlugin() {
                    @Override
                    public void beforeSend(ServerSession session, Transaction tx,
                                           org.apache.activemq.artemis.api.core.Message message, boolean direct,
                                           boolean noAutoCreateQueue) throws ActiveMQException {
                        if (refused.test(message)) {
                            ActiveMQException refusal = new ActiveMQException("send refused by the test's broker: "
                                    + message.getAddress());
                            if (tx != null) {
                                // a send in a transaction is not answered at once: its commit must fail
                                tx.markAsRollbackOnly(refusal);
                            }
                            throw refusal;
                        }
                    }
                });
                server = new EmbeddedActiveMQ().setConfiguration(config);
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the embedded broker", e);
            }
            factory = new ActiveMQConnectionFactory("vm://0");
        }
        return factory;
    }

    /**
     * Makes the broker refuse the sends of clients that match, as a destination with {@code sendAllowed="false"}
     * does; {@link #acceptSends()} ends it.
     */
    public static void refuseSends(Predicate<org.apache.activemq.artemis.api.core.Message> which) {
        connectionFactory();
        refused = which;
    }

    public static void acceptSends() {
        refused = message -> false;
    }

    /** Sends a raw text message without a JMS message id, as some producers and bridges do; returns that id. */
    public static String sendWithoutMessageId(String queue, String body, java.util.Map<String, String> properties) {
        return send(queue, body, properties, true);
    }

    /** How many messages wait on a queue (scheduled ones included). */
    public static long depth(String queue) {
        return server.getActiveMQServer().locateQueue(queue) == null ? 0
                : server.getActiveMQServer().locateQueue(queue).getMessageCount();
    }

    /** How many consumers are attached to a queue. */
    public static int consumers(String queue) {
        var q = server.getActiveMQServer().locateQueue(queue);
        return q == null ? 0 : q.getConsumerCount();
    }

    /** Removes every message from a queue. */
    public static void purge(String queue) {
        connectionFactory();
        var q = server.getActiveMQServer().locateQueue(queue);
        if (q != null) {
            try {
                q.deleteAllReferences();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sends a raw text message with the given string properties (for unreadable messages). */
    /** Returns the JMS message id the message got. */
    public static String sendRaw(String queue, String body, java.util.Map<String, String> properties) {
        return send(queue, body, properties, false);
    }

    private static String send(String queue, String body, java.util.Map<String, String> properties,
                               boolean withoutId) {
        try (JMSContext context = connectionFactory().createContext()) {
            var message = context.createTextMessage(body);
            for (var p : properties.entrySet()) {
                message.setStringProperty(p.getKey(), p.getValue());
            }
            context.createProducer().setDisableMessageID(withoutId).send(context.createQueue(queue), message);
            return message.getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages visible on a queue now (not scheduled ones). */
    public static int browse(String queue) {
        try (JMSContext context = connectionFactory().createContext()) {
            Queue q = context.createQueue(queue);
            try (QueueBrowser browser = context.createBrowser(q)) {
                return Collections.list(browser.getEnumeration()).size();
            }
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A broker outage: stops the acceptor, which drops every client's connection and refuses new ones, until
     * {@link #reopen()}.
     */
    public static void cutOff() {
        try {
            server.getActiveMQServer().getRemotingService().getAcceptor("in-vm").stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the broker's acceptor", e);
        }
    }

    /** Ends the outage of {@link #cutOff()}: clients can connect again. */
    public static void reopen() {
        try {
            server.getActiveMQServer().getRemotingService().getAcceptor("in-vm").start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot restart the broker's acceptor", e);
        }
    }
}
