package dev.rebound.jms.scenarios.queues;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;

/** The application binds channel {@code invoices} to a queue of another name, as a CDI bean. */
@ApplicationScoped
public class InvoiceQueue {

    public static final String PHYSICAL = "billing-invoices";

    @Produces
    @Named("invoices")
    Queue invoices() {
        return new ActiveMQQueue(PHYSICAL);
    }
}
