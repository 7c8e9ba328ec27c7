package dev.rebound.bench.async;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.bench.Order;
import dev.rebound.bench.Work;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebound's side of the asynchronous comparisons: the handler runs from queue {@value #CHANNEL}. A failure is
 * retried 3 times without delay (re-sent through the broker), then stored as a dead letter; on the happy path
 * the annotation costs nothing.
 */
@ApplicationScoped
public class AsyncOrders {

    public static final String CHANNEL = "bench";
    public static final String HANDLER = AsyncOrders.class.getName() + "#handle";

    private volatile Work work = Work.happy();

    @Asynchronous(CHANNEL)
    @DelayedRetry(initialDelayMs = 0, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void handle(Order order) {
        work.apply(order);
    }

    public void use(Work work) {
        this.work = work;
    }
}
