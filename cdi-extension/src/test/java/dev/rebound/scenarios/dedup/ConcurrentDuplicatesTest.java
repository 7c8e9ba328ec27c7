package dev.rebound.scenarios.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * 1,000 copies of one payment sent at once from 8 threads give exactly one business effect, on PostgreSQL
 * ({@code INSERT ... ON CONFLICT DO NOTHING}: a second claim waits for the first's transaction) and on Derby
 * ({@code MERGE}; two claims that meet on the primary key retry, and the retry sees the committed key). Every call
 * returns normally: a duplicate is acknowledged, never an error.
 */
class ConcurrentDuplicatesTest {

    static final int COPIES = 1_000;

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    void sendAtOnce(Payments.PlainBus bus, Payments.Ledger ledger, String payment, ToLongFunction<String> count)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            Callable<Object> send = () -> {
                start.await();
                return bus.send(new Payments.Charge(payment), Map.of("paymentId", payment));
            };
            calls.add(threads.submit(send));
        }
        start.countDown();
        for (Future<Object> call : calls) {
            call.get(120, TimeUnit.SECONDS); // a failure would throw here
        }
        assertThat(count.applyAsLong("SELECT count(*) FROM orders WHERE product = '" + payment + "'")).isEqualTo(1);
        assertThat(ledger.runs()).isEqualTo(1);
        assertThat(count.applyAsLong("SELECT count(*) FROM rebound_dedup")).isEqualTo(1);
    }

    @Nested
    @ReboundTest(beans = {Payments.PlainBus.class, Payments.Ledger.class}, tables = {"orders"})
    class OnPostgresql {

        @Inject
        Payments.PlainBus bus;
        @Inject
        Payments.Ledger ledger;

        @Test
        void a_thousand_concurrent_copies_have_one_effect() throws Exception {
            sendAtOnce(bus, ledger, "pay-pg", Postgres::count);
        }
    }

    @Nested
    @ReboundTest(beans = {Payments.PlainBus.class, Payments.Ledger.class, Derby.Resources.class})
    class OnDerby {

        @Inject
        Payments.PlainBus bus;
        @Inject
        Payments.Ledger ledger;

        @Test
        void a_thousand_concurrent_copies_have_one_effect() throws Exception {
            Derby.execute("DELETE FROM orders");
            Derby.execute("DELETE FROM rebound_dedup");
            sendAtOnce(bus, ledger, "pay-derby", Derby::count);
        }
    }
}
