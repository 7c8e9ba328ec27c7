package dev.rebound.opentelemetry.agent;

import dev.rebound.testsupport.Artemis;
import dev.rebound.testsupport.Jta;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * One embedded Artemis (in-VM, persistent journal) for the run, its connection factory a CDI bean; it remembers the
 * {@code traceparent} property of every message sent to it, as the broker received it.
 */
@ApplicationScoped
public class AgentBroker {

    private static final List<String> TRACEPARENTS = new CopyOnWriteArrayList<>();
    private static Artemis broker;

    /** The {@code traceparent} JMS property of each message sent so far (null for one without). */
    static List<String> traceparents() {
        return new ArrayList<>(TRACEPARENTS);
    }

    static void clear() {
        TRACEPARENTS.clear();
    }

    @Produces
    ConnectionFactory connectionFactory() {
        return broker().connectionFactory();
    }

    @Produces
    TransactionSynchronizationRegistry synchronizationRegistry() {
        return Jta.synchronizationRegistry();
    }

    private static synchronized Artemis broker() {
        if (broker == null) {
            ConfigurationImpl config = Artemis.journalled(Path.of("target", "artemis-agent"));
            config.addAddressSetting("#", new AddressSettings().setDefaultAddressRoutingType(RoutingType.ANYCAST)
                    .setAutoCreateQueues(true).setAutoCreateAddresses(true));
            config.registerBrokerPlugin(new ActiveMQServerMessagePlugin() {
                @Override
                public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                                       boolean noAutoCreateQueue) {
                    Object traceparent = message.getObjectProperty("traceparent");
                    TRACEPARENTS.add(traceparent == null ? null : traceparent.toString());
                }
            });
            broker = Artemis.inVm(config);
        }
        return broker;
    }
}
