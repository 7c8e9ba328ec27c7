package dev.rebound.scenarios.optimistic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Attempt;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two threads increment one row through a transactional gateway as fast as they can, so most attempts race:
 * every conflict is retried in a fresh transaction and no update is lost. The budget is raised from the default 3:
 * with two writers that never pause, a message can lose four races in a row (about one in a hundred did here)
 * and then goes to its error channel, which is not a lost update but would make the count here depend on timing.
 */
@ReboundTest(beans = {Counters.CounterBus.class, Counters.Incrementer.class}, tables = "rebound_test_counter",
        config = "rebound.optimistic-lock.max-retries=20")
class ConcurrentIncrementsTest {

    @Inject
    Counters.CounterBus bus;
    @Inject
    Counters.Incrementer incrementer;
    @Inject
    DeadLetters deadLetters;

    @Test
    void two_threads_incrementing_one_row_lose_no_update_and_the_conflicts_are_retried() throws Exception {
        Counter.create("c-1");
        incrementer.interfere(1);           // at least one conflict, whatever the threads' timing
        int perThread = 40;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (LogRecords log = LogRecords.capture()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        bus.send(Counters.Increment.of("c-1"));
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }

            assertThat(Counter.value("c-1")).isEqualTo(2L * perThread);
            assertThat(deadLetters.count()).isZero();
            assertThat(log.messages("REBOUND-1050")).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .contains(Counters.CounterBus.class.getName()).containsPattern("retry \\d+ of 20"));
        } finally {
            threads.shutdownNow();
        }
        assertThat(incrementer.attempts()).contains(new Attempt(2, false));
    }
}
