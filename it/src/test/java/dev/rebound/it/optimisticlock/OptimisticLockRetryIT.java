package dev.rebound.it.optimisticlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.ReboundWar;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Optimistic-lock conflicts on Liberty's JTA with EclipseLink and Derby: concurrent writers of one versioned row
 * through a {@code @Transactional} gateway lose no update, the conflicts being retried in fresh transactions.
 */
@ExtendWith(ArquillianExtension.class)
class OptimisticLockRetryIT {

    private static final int WRITERS = 2;
    private static final int UPDATES_PER_WRITER = 25;

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("optimisticlock").packageOf(CounterBus.class).entity(Counter.class)
                .queue("counters", "itOptimisticLock")
                .table("CREATE TABLE it_counter (id VARCHAR(64) NOT NULL PRIMARY KEY, counter_value INT NOT NULL,"
                        + " version BIGINT NOT NULL)")
                // writers that never pause conflict more often than the default 3 retries absorb
                .config("rebound.optimistic-lock.max-retries", 20)
                .build();
    }

    @Inject
    Counters counters;
    @Inject
    LaterCounters laterCounters;
    @Inject
    Calls calls;
    @Inject
    DeadLetters deadLetters;
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @BeforeEach
    void clean() {
        deadLetters.deleteAll();
    }

    @Test
    void concurrent_writers_of_one_versioned_row_lose_no_update_and_their_conflicts_are_retried() throws Exception {
        String id = UUID.randomUUID().toString();
        counters.create(id);

        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(executor.runAsync(() -> {
                for (int i = 0; i < UPDATES_PER_WRITER; i++) {
                    counters.incrementThroughTheGateway(id);
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        int updates = WRITERS * UPDATES_PER_WRITER;
        assertThat(counters.value(id)).as("no lost update").isEqualTo(updates);
        assertThat(deadLetters.count()).as("no conflict past the retries").isZero();
        assertThat(calls.count(id)).as("attempts: one per update, and at least one retried conflict")
                .isGreaterThan(updates);
    }

    @Test
    void asynchronous_handler_racing_a_gateway_on_one_versioned_row_loses_no_update() throws Exception {
        String id = UUID.randomUUID().toString();
        counters.create(id);

        // the consumer's unit (receive and handler in one JTA transaction) races the gateway's writer
        CompletableFuture<Void> gatewayWriter = executor.runAsync(() -> {
            for (int i = 0; i < UPDATES_PER_WRITER; i++) {
                counters.incrementThroughTheGateway(id);
            }
        });
        for (int i = 0; i < UPDATES_PER_WRITER; i++) {
            laterCounters.incrementLater(id);
        }
        gatewayWriter.get(120, TimeUnit.SECONDS);

        int updates = 2 * UPDATES_PER_WRITER;
        await().atMost(Duration.ofSeconds(60)).until(() -> counters.value(id) == updates);
        assertThat(deadLetters.count()).as("no conflict past the retries").isZero();
        // whether the two collide depends on timing (in some runs here not at all, in others the consumer's unit
        // rolled back and its message came back, REBOUND-1052): no retry is asserted
        assertThat(calls.count(id) + calls.count(LaterCounters.CALLS + id)).isGreaterThanOrEqualTo(updates);
    }

    @Test
    void gateway_updates_after_asynchronous_ones_read_the_committed_row() {
        String id = UUID.randomUUID().toString();
        counters.create(id);
        for (int i = 0; i < UPDATES_PER_WRITER; i++) {
            laterCounters.incrementLater(id);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> counters.value(id) == UPDATES_PER_WRITER);

        for (int i = 0; i < UPDATES_PER_WRITER; i++) {
            counters.incrementThroughTheGateway(id);
        }

        assertThat(counters.value(id)).isEqualTo(2 * UPDATES_PER_WRITER);
        assertThat(deadLetters.count()).as("no conflict past the retries").isZero();
    }
}
