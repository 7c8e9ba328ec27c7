package dev.rebound.jms.testing;

import dev.rebound.testsupport.Artemis;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.nio.file.Path;
import java.util.Collections;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** One embedded ActiveMQ Artemis broker (in-VM, persistent journal) for the whole test run. */
public final class Broker {

    private static Artemis broker;
    private static volatile Predicate<org.apache.activemq.artemis.api.core.Message> refused = message -> false;
    private static volatile Function<String, ActiveMQException> refusal =
            address -> new ActiveMQException("send refused by the test's broker: " + address);

    private Broker() {
    }

    public static synchronized ConnectionFactory connectionFactory() {
        return broker().connectionFactory();
    }

    private static synchronized Artemis broker() {
        if (broker == null) {
            ConfigurationImpl config = Artemis.journalled(Path.of("target", "artemis"));
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
                        ActiveMQException refused = refusal.apply(message.getAddress());
                        if (tx != null) {
                            // a send in a transaction is not answered at once: its commit must fail
                            tx.markAsRollbackOnly(refused);
                        }
                        throw refused;
                    }
                }
            });
            broker = Artemis.inVm(config);
        }
        return broker;
    }

    /**
     * Makes the broker refuse the sends of clients that match, as a destination with {@code sendAllowed="false"}
     * does; {@link #acceptSends()} ends it.
     */
    public static void refuseSends(Predicate<org.apache.activemq.artemis.api.core.Message> which) {
        connectionFactory();
        refused = which;
    }

    /** Like {@link #refuseSends(Predicate)}, answering with the broker's error that {@code answer} makes. */
    public static void refuseSends(Predicate<org.apache.activemq.artemis.api.core.Message> which,
                                   Function<String, ActiveMQException> answer) {
        connectionFactory();
        refusal = answer;
        refused = which;
    }

    public static void acceptSends() {
        refused = message -> false;
        refusal = address -> new ActiveMQException("send refused by the test's broker: " + address);
    }

    /** Sends a raw text message without a JMS message id, as some producers and bridges do; returns that id. */
    public static String sendWithoutMessageId(String queue, String body, java.util.Map<String, String> properties) {
        return send(queue, body, properties, true);
    }

    /** How many messages wait on a queue (scheduled ones included). */
    public static long depth(String queue) {
        return broker().depth(queue);
    }

    /** How many consumers are attached to a queue. */
    public static int consumers(String queue) {
        return broker().consumers(queue);
    }

    /** Removes every message from a queue. */
    public static void purge(String queue) {
        broker().purge(queue);
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

    /** The string properties of each message visible on a queue now, in queue order. */
    public static java.util.List<java.util.Map<String, String>> browseProperties(String queue) {
        try (JMSContext context = connectionFactory().createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            java.util.List<java.util.Map<String, String>> all = new java.util.ArrayList<>();
            for (Object each : Collections.list(browser.getEnumeration())) {
                jakarta.jms.Message message = (jakarta.jms.Message) each;
                java.util.Map<String, String> properties = new java.util.TreeMap<>();
                for (Object name : Collections.list(message.getPropertyNames())) {
                    properties.put(String.valueOf(name), String.valueOf(message.getObjectProperty((String) name)));
                }
                all.add(properties);
            }
            return all;
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A broker outage: stops the acceptor, which drops every client's connection and refuses new ones, until
     * {@link #reopen()}.
     */
    public static void cutOff() {
        broker().acceptor(Artemis.IN_VM, false);
    }

    /**
     * Limits an address to {@code maxSizeBytes}, with the policy of a full address ({@code FAIL}: sends are refused,
     * {@code BLOCK}: senders wait); no auto-created queue or address when {@code autoCreate} is false, so that a
     * send to an address that does not exist fails. {@link #unlimit} ends it.
     */
    public static void limit(String address, long maxSizeBytes, AddressFullMessagePolicy policy, boolean autoCreate) {
        broker().server().getAddressSettingsRepository().addMatch(address, new AddressSettings()
                .setMaxSizeBytes(maxSizeBytes).setAddressFullMessagePolicy(policy)
                .setAutoCreateQueues(autoCreate).setAutoCreateAddresses(autoCreate));
    }

    public static void unlimit(String address) {
        broker().server().getAddressSettingsRepository().removeMatch(address);
    }

    /** Ends the outage of {@link #cutOff()}: clients can connect again. */
    public static void reopen() {
        broker().acceptor(Artemis.IN_VM, true);
    }
}
