package dev.rebound.jms.scenarios.queues;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class Invoicing {

    public record Issue(String number) {
    }

    private final AtomicInteger issued = new AtomicInteger();

    @Asynchronous("invoices")
    @CommandHandler
    public void issue(Issue command) {
        issued.incrementAndGet();
    }

    public int issued() {
        return issued.get();
    }
}
