package dev.rebound.bench.dedup;

import dev.rebound.bench.Order;
import dev.rebound.bench.Work;
import jakarta.persistence.EntityManager;

/**
 * The business work of both handlers of the deduplication comparison, so that they differ only by
 * {@code @Deduplicated}: one row in {@value #TABLE} through the application's JTA EntityManager (the handler's
 * transaction), then the shared {@link Work} (its count ends a round) and the completion time for {@link Gaps}.
 */
final class Shop {

    static final String TABLE = "bench_dedup_order";
    static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGSERIAL PRIMARY KEY, "
            + "order_id VARCHAR(40) NOT NULL, customer VARCHAR(40) NOT NULL, seq BIGINT NOT NULL)";
    private static final String INSERT = "INSERT INTO " + TABLE + " (order_id, customer, seq) VALUES (?1, ?2, ?3)";

    private Shop() {
    }

    static void record(EntityManager entityManager, Order order, Work work, Gaps gaps) {
        int rows = entityManager.createNativeQuery(INSERT).setParameter(1, order.orderId())
                .setParameter(2, order.customer()).setParameter(3, order.seq()).executeUpdate();
        if (rows != 1) {
            throw new IllegalStateException("inserted " + rows + " rows for " + order.orderId());
        }
        work.apply(order);
        gaps.completed();
    }
}
