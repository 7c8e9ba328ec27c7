package dev.rebound.bench.dedup;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import dev.rebound.DelayedRetry;
import dev.rebound.bench.Order;
import dev.rebound.bench.Work;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The deduplicated side: {@link PlainOrders} plus {@code @Deduplicated} (keyed on the message id). */
@ApplicationScoped
public class DedupOrders {

    public static final String CHANNEL = "bench.dedup";
    public static final String HANDLER = DedupOrders.class.getName() + "#handle";

    private final EntityManager entityManager;
    private volatile Work work = Work.happy();
    private volatile Gaps gaps = Gaps.none();

    @Inject
    public DedupOrders(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** For the container's client proxy. */
    protected DedupOrders() {
        this.entityManager = null;
    }

    // a routing key each: both handle Order, as two handlers of one command type may not
    @Asynchronous(CHANNEL)
    @DelayedRetry(initialDelayMs = 0, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @Deduplicated
    @CommandHandler(CHANNEL)
    public void handle(Order order) {
        Shop.record(entityManager, order, work, gaps);
    }

    public void use(Work work, Gaps gaps) {
        this.work = work;
        this.gaps = gaps;
    }
}
