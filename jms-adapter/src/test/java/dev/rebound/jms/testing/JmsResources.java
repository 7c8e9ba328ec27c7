package dev.rebound.jms.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;

/** The broker's connection factory as a CDI bean, as an application outside a server provides it. */
@ApplicationScoped
public class JmsResources {

    @Produces
    ConnectionFactory connectionFactory() {
        return Broker.connectionFactory();
    }
}
