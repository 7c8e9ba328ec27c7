package dev.rebound.opentelemetry.agent;

import dev.rebound.testsupport.Artemis;
import dev.rebound.testsupport.Jta;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** One embedded Artemis (in-VM, persistent journal) for the run, its connection factory a CDI bean. */
@ApplicationScoped
public class AgentBroker {

    private static Artemis broker;

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
            broker = Artemis.inVm(config);
        }
        return broker;
    }
}
