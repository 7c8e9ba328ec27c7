package dev.rebound.jms.scenarios.dedup;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payment provider's webhooks on a queue with two consumers, deduplicated on the provider's id (header
 * {@code paymentId}); each handled one is a row in {@code orders}, written in the consumer's transaction.
 */
@ApplicationScoped
public class Webhooks {

    public record Paid(String payment) {
    }

    @Inject
    EntityManager entityManager;

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    public void failNext(int times) {
        failures.set(times);
    }

    @CommandHandler
    @Asynchronous("webhooks")
    @Deduplicated("paymentId")
    @DelayedRetry(initialDelayMs = 200, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    public void paid(Paid paid) {
        runs.incrementAndGet();
        entityManager.createNativeQuery("INSERT INTO orders (id, product) VALUES (?1, ?2)")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, paid.payment()).executeUpdate();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the ledger is down for " + paid.payment());
        }
    }

    public int runs() {
        return runs.get();
    }
}
