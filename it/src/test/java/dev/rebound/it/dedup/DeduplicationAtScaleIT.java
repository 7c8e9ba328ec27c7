package dev.rebound.it.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Consumers;
import dev.rebound.DeadLetters;
import dev.rebound.Duplicates;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.MessageRows;
import dev.rebound.it.support.Queues;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 in a server: a @Deduplicated handler on a queue of Liberty's messaging engine with two consumers, in jta
 * mode (receive, key claim, effect and acknowledgement in one XA transaction with Derby or PostgreSQL). 1,000 copies
 * of one message sent at once (8 threads, 40 transactions of 25) give exactly one effect row; distinct messages
 * are each handled once.
 */
@ExtendWith(ArquillianExtension.class)
class DeduplicationAtScaleIT {

    static final int COPIES = 1_000;
    static final int THREADS = 8;
    static final int PER_TRANSACTION = 25;
    static final String SCOPE = Webhooks.class.getName() + "#paid";

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("dedup").packageOf(Webhooks.class).queue(Webhooks.CHANNEL, Webhooks.QUEUE)
                .config("rebound.channel." + Webhooks.CHANNEL + ".concurrent-consumers", 2)
                .build();
    }

    @Inject
    Webhooks webhooks;
    @Inject
    Rows rows;
    @Inject
    MessageRows keys;
    @Inject
    Calls calls;
    @Inject
    Queues queues;
    @Inject
    Duplicates duplicates;
    @Inject
    Consumers consumers;
    @Inject
    DeadLetters deadLetters;
    /**
     * Sender threads with the application's context (its JTA, its connection factory), from the managed thread
     * factory: not the server's Default Executor, whose few threads (2 per core) also read the messaging engine's
     * replies; senders parked on it waiting for those replies deadlock the engine's connection.
     */
    ExecutorService executor;

    @BeforeEach
    void reset() throws NamingException {
        ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        executor = Executors.newFixedThreadPool(THREADS, threads);
        deadLetters.deleteAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> queues.depth(Webhooks.QUEUE) == 0);
        keys.deleteDedupKeys();
    }

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void a_thousand_copies_sent_at_once_to_two_consumers_have_exactly_one_effect() throws Exception {
        assertThat(consumers.status(Webhooks.CHANNEL).live()).isEqualTo(2);
        String payment = UUID.randomUUID().toString();
        long before = duplicates();

        sendAtOnce(payment, COPIES);

        // every copy either ran the handler or was acknowledged as a duplicate
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                duplicates() - before + calls.count(payment) >= COPIES && queues.depth(Webhooks.QUEUE) == 0);
        assertThat(rows.count(payment)).as("effect rows").isEqualTo(1);
        assertThat(calls.count(payment)).as("handler runs").isEqualTo(1);
        assertThat(duplicates() - before).isEqualTo(COPIES - 1);
        assertThat(keys.dedupKeys()).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void distinct_payments_sent_at_once_are_each_handled_once() throws Exception {
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            payments.add(UUID.randomUUID().toString());
        }
        long before = duplicates();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sends = new ArrayList<>();
        for (String payment : payments) {
            sends.add(executor.submit(() -> {
                start.await();
                webhooks.sendCopies(payment, 1);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> sent : sends) {
            sent.get(60, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> payments.stream().allMatch(p -> rows.count(p) == 1));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(10)).until(() ->
                queues.depth(Webhooks.QUEUE) == 0 && payments.stream().allMatch(p -> calls.count(p) == 1));
        assertThat(duplicates() - before).isZero();
        assertThat(keys.dedupKeys()).isEqualTo(5);
    }

    /** {@code copies} sends of one payment from {@value #THREADS} threads released at once, in transactions. */
    private void sendAtOnce(String payment, int copies) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sends = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            sends.add(executor.submit(() -> {
                start.await();
                for (int sent = 0; sent < copies / THREADS; sent += PER_TRANSACTION) {
                    webhooks.sendCopies(payment, PER_TRANSACTION);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> sent : sends) {
            sent.get(120, TimeUnit.SECONDS);
        }
    }

    private long duplicates() {
        return duplicates.counts().getOrDefault(SCOPE, 0L);
    }
}
