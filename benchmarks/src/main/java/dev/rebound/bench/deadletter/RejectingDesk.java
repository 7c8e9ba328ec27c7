package dev.rebound.bench.deadletter;

import dev.rebound.CommandHandler;
import dev.rebound.bench.Order;
import dev.rebound.bench.Work;
import jakarta.enterprise.context.ApplicationScoped;

/** A handler that fails every message while dead letters are made, and succeeds when they are replayed. */
@ApplicationScoped
public class RejectingDesk {

    public static final String HANDLER = RejectingDesk.class.getName() + "#handle";

    private volatile Work work = new Work(0, 1);

    @CommandHandler
    public void handle(Order order) {
        work.apply(order);
    }

    public void use(Work work) {
        this.work = work;
    }
}
