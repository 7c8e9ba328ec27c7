package dev.rebound.examples.orders.payment;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import dev.rebound.DelayedRetry;
import dev.rebound.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.logging.Logger;

/**
 * Books the provider's settlements. Payment providers deliver a webhook at least once, and again when they did
 * not see the answer in time: {@code @Deduplicated("webhookId")} makes the booking run once per delivery id. The key
 * is claimed in the handler's transaction, first, so a failed booking records no key and its retry books it.
 */
@ApplicationScoped
public class Settlements {

    private static final Logger LOG = Logger.getLogger(Settlements.class.getName());

    @Inject
    EntityManager db;

    @Asynchronous("settlements")
    @DelayedRetry(initialDelayMs = 1000, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @Deduplicated("webhookId")
    @CommandHandler("payment.settle")
    public void settle(SettlementNotice notice) {
        db.createNativeQuery("INSERT INTO settlements (order_id, amount, booked_at) VALUES (?, ?, ?)")
                .setParameter(1, notice.orderId()).setParameter(2, notice.amount())
                .setParameter(3, System.currentTimeMillis()).executeUpdate();
        LOG.info(() -> "Booked the settlement of order " + notice.orderId() + " (" + notice.amount() + ")");
    }

    /** How many settlements were booked for the order. */
    public long count(String orderId) {
        return ((Number) db.createNativeQuery("SELECT COUNT(*) FROM settlements WHERE order_id = ?")
                .setParameter(1, orderId).getSingleResult()).longValue();
    }
}
