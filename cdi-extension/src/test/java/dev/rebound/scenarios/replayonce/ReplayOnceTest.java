package dev.rebound.scenarios.replayonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dead letter is handled by one replay only, however many run at once: two operators, a double click, a bulk
 * replay beside single ones. The replay claims the row first, in the transaction that runs the handler.
 */
@ReboundTest(beans = {Parcels.ParcelBus.class, Parcels.Courier.class})
class ReplayOnceTest {

    @Inject
    Parcels.ParcelBus bus;
    @Inject
    Parcels.Courier courier;
    @Inject
    DeadLetters deadLetters;

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private List<UUID> deadLetters(int count) {
        for (int i = 0; i < count; i++) {
            bus.send(new Parcels.Send("p-" + i));
        }
        List<UUID> ids = deadLetters.list(0, count).stream().map(DeadLetter::id).toList();
        assertThat(ids).hasSize(count);
        return ids;
    }

    /** Sessions of the test database waiting for a row lock: a replay waiting for another's claim. */
    private static long lockWaits() {
        return Postgres.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
    }

    @Test
    void a_second_replay_while_the_first_runs_waits_for_it_and_then_does_not_run_the_handler() throws Exception {
        UUID id = deadLetters(1).get(0);
        courier.heal();
        courier.holdRuns();

        Future<Boolean> first = threads.submit(() -> deadLetters.replay(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> courier.runs() == 1);
        Future<Boolean> second = threads.submit(() -> deadLetters.replay(id));
        // the second waits in the database for the first's claim (without a claim it would run the handler)
        await().atMost(Duration.ofSeconds(10)).until(() -> lockWaits() > 0 || courier.runs() > 1);
        courier.release();

        assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> second.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DeadLetterNotFoundException.class).hasMessageContaining("REBOUND-1017")
                .hasMessageContaining(id.toString());
        assertThat(courier.runs()).as("handler runs").isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void many_concurrent_replays_of_the_same_dead_letters_handle_each_exactly_once() throws Exception {
        List<UUID> ids = deadLetters(5);
        courier.heal();
        CyclicBarrier start = new CyclicBarrier(8);
        List<Callable<Integer>> operators = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<UUID> order = new ArrayList<>(ids);
            Collections.shuffle(order);
            operators.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                int handled = 0;
                for (UUID id : order) {
                    try {
                        handled += deadLetters.replay(id) ? 1 : 0;
                    } catch (DeadLetterNotFoundException alreadyReplayed) {
                        // another operator was first
                    }
                }
                return handled;
            });
        }
        int handled = 0;
        for (Future<Integer> result : threads.invokeAll(operators, 60, TimeUnit.SECONDS)) {
            handled += result.get();
        }

        assertThat(courier.runs()).as("handler runs").isEqualTo(5);
        assertThat(handled).isEqualTo(5);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_bulk_replay_beside_single_replays_runs_each_handler_once() throws Exception {
        List<UUID> ids = deadLetters(20);
        courier.heal();
        BulkReplay bulk = deadLetters.replayInBackground(DeadLetterFilter.all(), new ReplayOptions(1_000, false));
        List<UUID> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        int single = deadLetters.replay(newestFirst);

        BulkReplay done = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.bulkReplay(bulk.id()).orElseThrow(), replay -> replay.state().finished());
        assertThat(done.state()).isEqualTo(BulkReplay.State.COMPLETED);
        assertThat(done.handled() + single).isEqualTo(20);
        // (an entry the single replays took before the bulk replay's page read it is neither handled nor skipped)
        assertThat(done.handled() + done.skipped()).isLessThanOrEqualTo(20);
        assertThat(courier.runs()).as("handler runs").isEqualTo(20);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_second_bulk_replay_of_the_same_selection_is_refused_while_the_first_runs() {
        deadLetters(3);
        courier.heal();
        DeadLetterFilter all = DeadLetterFilter.all();
        BulkReplay first = deadLetters.replayInBackground(all, new ReplayOptions(1, false));

        assertThatThrownBy(() -> deadLetters.replayInBackground(all, new ReplayOptions(50, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REBOUND-4008")
                .hasMessageContaining(first.id().toString());
        assertThat(deadLetters.bulkReplays()).hasSize(1);

        assertThat(deadLetters.cancelBulkReplay(first.id())).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLetters.bulkReplay(first.id()).orElseThrow().state().finished());
        BulkReplay again = deadLetters.replayInBackground(all, new ReplayOptions(50, false));
        BulkReplay done = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.bulkReplay(again.id()).orElseThrow(), replay -> replay.state().finished());
        assertThat(done.state()).isEqualTo(BulkReplay.State.COMPLETED);
        assertThat(courier.runs()).isEqualTo(3);
    }

    @Test
    void concurrent_replays_that_fail_again_all_count_on_the_one_dead_letter() throws Exception {
        UUID id = deadLetters(1).get(0);
        List<Callable<Boolean>> replays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replays.add(() -> deadLetters.replay(id));
        }
        for (Future<Boolean> result : threads.invokeAll(replays, 60, TimeUnit.SECONDS)) {
            assertThat(result.get()).isFalse();
        }
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(deadLetters.show(id).orElseThrow().attempts()).isEqualTo(7);
        assertThat(courier.runs()).isZero();
    }
}
