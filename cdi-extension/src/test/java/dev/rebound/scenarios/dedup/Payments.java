package dev.rebound.scenarios.dedup;

import dev.rebound.BusinessMethod;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import dev.rebound.ErrorChannel;
import dev.rebound.EventBus;
import dev.rebound.EventHandler;
import dev.rebound.Header;
import dev.rebound.InstantRetry;
import dev.rebound.MessageGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payment provider's webhooks, delivered more than once: each handled charge is one row in {@code orders} (the
 * business effect, written in the handler's transaction), keyed on the provider's payment id.
 */
public final class Payments {

    private Payments() {
    }

    public record Charge(String payment) {
    }

    public record Refund(String payment) {
    }

    public record Paid(String payment) {
    }

    public record Webhook(String payment) {
    }

    /** Each call in a transaction of its own; failures to the dead letter. */
    @Transactional
    @ErrorChannel(Channels.DEAD_LETTER)
    public interface PaymentBus extends CommandBus {
    }

    /** Failures to the caller, after two instant retries. */
    @Transactional
    @InstantRetry(maxRetries = 2)
    public interface RetryingBus extends CommandBus {
    }

    /** Failures to the caller, no retries. */
    @Transactional
    public interface PlainBus extends CommandBus {
    }

    /** Not transactional: a deduplicated handler cannot claim its key. */
    public interface BareBus extends CommandBus {
    }

    @Transactional
    public interface PaymentEvents extends EventBus {
    }

    /** The synchronous entry deduplicated: the provider's id as a header. */
    @MessageGateway
    public interface WebhookGateway {
        @Transactional
        @Deduplicated("stripeId")
        @BusinessMethod("webhook")
        void receive(Webhook hook, @Header("stripeId") String stripeId);
    }

    /** Writes one row per handled charge; fails the next {@link #failNext} runs. */
    @ApplicationScoped
    public static class Ledger {

        @Inject
        EntityManager entityManager;

        private final AtomicInteger runs = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();

        public void failNext(int times) {
            failures.set(times);
        }

        /** Keyed on the header {@code paymentId}. */
        @CommandHandler
        @Deduplicated("paymentId")
        public void charge(Charge charge) {
            book(charge.payment());
        }

        /** Keyed on an expression over the payload. */
        @CommandHandler
        @Deduplicated(expression = "'refund-'.concat(payload.payment)")
        public void refund(Refund refund) {
            book("refund:" + refund.payment());
        }

        @CommandHandler("webhook")
        public void webhook(Webhook hook) {
            book("webhook:" + hook.payment());
        }

        void book(String what) {
            runs.incrementAndGet();
            entityManager.createNativeQuery("INSERT INTO orders (id, product) VALUES (?1, ?2)")
                    .setParameter(1, UUID.randomUUID().toString()).setParameter(2, what).executeUpdate();
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the ledger is down for " + what);
            }
        }

        public int runs() {
            return runs.get();
        }
    }

    /** Two handlers of one event, each deduplicated in its own scope by default. */
    @ApplicationScoped
    public static class Receipts {

        @Inject
        Ledger ledger;

        @EventHandler
        @Deduplicated("paymentId")
        public void mail(Paid paid) {
            ledger.book("receipt:" + paid.payment());
        }

        @EventHandler
        @Deduplicated("paymentId")
        public void archive(Paid paid) {
            ledger.book("archive:" + paid.payment());
        }
    }

    /** Two handlers of one event that share a scope: only one of them handles a payment. */
    @ApplicationScoped
    public static class SharedScope {

        @Inject
        Ledger ledger;

        @EventHandler
        @Deduplicated(value = "paymentId", trackingName = "payment-notice")
        public void sms(Paid paid) {
            ledger.book("notice:" + paid.payment());
        }

        @EventHandler
        @Deduplicated(value = "paymentId", trackingName = "payment-notice")
        public void push(Paid paid) {
            ledger.book("notice:" + paid.payment());
        }
    }

    /** The time of the keys, moved by the tests. */
    public static final class MovableClock extends Clock {

        private volatile Instant now = Instant.now();

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The application's Clock bean: one per test class run (reset by each test). */
    @ApplicationScoped
    public static class Clocks {
        static final MovableClock CLOCK = new MovableClock();

        @Produces
        Clock clock() {
            return CLOCK;
        }
    }
}
