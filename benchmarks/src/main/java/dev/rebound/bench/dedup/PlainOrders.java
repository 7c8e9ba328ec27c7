package dev.rebound.bench.dedup;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.bench.Order;
import dev.rebound.bench.Work;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The side without deduplication: the same handler, channel settings and work as {@link DedupOrders}. */
@ApplicationScoped
public class PlainOrders {

    public static final String CHANNEL = "bench.nodedup";
    public static final String HANDLER = PlainOrders.class.getName() + "#handle";

    private final EntityManager entityManager;
    private volatile Work work = Work.happy();
    private volatile Gaps gaps = Gaps.none();

    @Inject
    public PlainOrders(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** For the container's client proxy. */
    protected PlainOrders() {
        this.entityManager = null;
    }

    // a routing key each: both handle Order, as two handlers of one command type may not
    @Asynchronous(CHANNEL)
    @DelayedRetry(initialDelayMs = 0, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler(CHANNEL)
    public void handle(Order order) {
        Shop.record(entityManager, order, work, gaps);
    }

    public void use(Work work, Gaps gaps) {
        this.work = work;
        this.gaps = gaps;
    }
}
