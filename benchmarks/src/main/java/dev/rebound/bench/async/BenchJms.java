package dev.rebound.bench.async;

import dev.rebound.bench.BenchBroker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;

/** The benchmark broker's connection factory as a CDI bean, as an application outside a server provides it. */
@ApplicationScoped
public class BenchJms {

    @Produces
    ConnectionFactory connectionFactory() {
        return BenchBroker.connectionFactory();
    }
}
