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
    /** Runs per order number while a replay benchmark counts them (duplicates), else {@code null}. */
    private volatile java.util.concurrent.atomic.AtomicIntegerArray runs;

    @CommandHandler
    public void handle(Order order) {
        work.apply(order);
        java.util.concurrent.atomic.AtomicIntegerArray counted = runs;
        if (counted != null) {
            counted.incrementAndGet((int) order.seq());
        }
    }

    /** Counts the runs of orders 0 to {@code count} from now on. */
    public java.util.concurrent.atomic.AtomicIntegerArray count(int count) {
        java.util.concurrent.atomic.AtomicIntegerArray counted = new java.util.concurrent.atomic.AtomicIntegerArray(
                count + 1);
        runs = counted;
        return counted;
    }

    public void use(Work work) {
        this.work = work;
    }
}
