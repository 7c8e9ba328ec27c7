package dev.rebound.database.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;

/** The embedded broker's connection factory as a CDI bean, for the JMS transport of a combined channel. */
@ApplicationScoped
public class BrokerResources {

    @Produces
    ConnectionFactory connectionFactory() {
        return BrokerQueue.broker().connectionFactory();
    }
}
