package dev.rebound.jms.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import dev.rebound.testsupport.Jta;
import jakarta.jms.ConnectionFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** The broker's connection factory as a CDI bean, as an application outside a server provides it. */
@ApplicationScoped
public class JmsResources {

    @Produces
    ConnectionFactory connectionFactory() {
        return Broker.connectionFactory();
    }

    /** As a server offers it (in JNDI there): Rebound's sends at commit use its interposed synchronizations. */
    @Produces
    TransactionSynchronizationRegistry synchronizationRegistry() {
        return Jta.synchronizationRegistry();
    }
}
