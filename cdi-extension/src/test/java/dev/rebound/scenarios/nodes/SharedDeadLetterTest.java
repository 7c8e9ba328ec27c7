package dev.rebound.scenarios.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dead letter is shared by the nodes of an application: bulk replays of the same dead letters on several nodes
 * (here: services of their own in one JVM, each with its own store instance, claims, transactions and progress, on
 * the one PostgreSQL) handle each message once, and a node whose lease ended cannot commit what another took over.
 * The business effect is a row written in the handler's transaction, so a duplicate would show as two rows.
 */
@ReboundTest(beans = {Shipments.ShipmentBus.class, Shipments.Warehouse.class}, tables = "replay_effect")
class SharedDeadLetterTest {

    @Inject
    Shipments.ShipmentBus bus;
    @Inject
    Shipments.Warehouse warehouse;
    @Inject
    DeadLetters deadLetters;

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private DeadLetterService local() {
        return (DeadLetterService) deadLetters;
    }

    /** Another node: its own service and store instance on the same database. */
    private DeadLetterService node(String name, Clock clock) {
        DeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);
        return local().asNode(name, () -> store, clock);
    }

    /** {@code count} dead letters p-0 .. p-(count - 1), and no business effect yet. */
    private void deadLetters(int count) {
        for (int i = 0; i < count; i++) {
            bus.send(new Shipments.Ship("p-" + i));
        }
        assertThat(deadLetters.count()).isEqualTo(count);
        Postgres.execute("DELETE FROM replay_effect");
    }

    private static BulkReplay finished(DeadLetters node, BulkReplay started) {
        return await().atMost(Duration.ofSeconds(120)).until(() -> node.bulkReplay(started.id()).orElseThrow(),
                replay -> replay.state().finished());
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {2, 3})
    void nodes_replaying_the_same_dead_letters_handle_each_message_once(int nodes) throws Exception {
        deadLetters(400);
        Set<String> poisoned = Set.of("p-7", "p-150", "p-151", "p-399");
        warehouse.heal(poisoned);
        List<DeadLetterService> services = new ArrayList<>(List.of(local()));
        for (int n = 1; n < nodes; n++) {
            services.add(node("node-" + n, Clock.systemUTC()));
        }
        // the same selection on every node, cut off at the same instant (as the dashboard's "replay group" would be)
        DeadLetterFilter selection = DeadLetterFilter.all().upTo(Instant.now());
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<Future<BulkReplay>> started = new ArrayList<>();
        for (DeadLetterService service : services) {
            started.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return service.replayInBackground(selection, new ReplayOptions(100_000, false));
            }));
        }
        List<BulkReplay> done = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            done.add(finished(services.get(n), started.get(n).get(30, TimeUnit.SECONDS)));
        }

        for (int n = 0; n < nodes; n++) {
            assertThat(done.get(n).state()).isEqualTo(BulkReplay.State.COMPLETED);
            assertThat(done.get(n).node()).isEqualTo(services.get(n).node());
            assertThat(done.get(n).total()).isEqualTo(400);
        }
        assertThat(done.get(0).node()).isEqualTo(DeadLetterService.defaultNode());
        assertThat(done.stream().mapToLong(BulkReplay::handled).sum()).as("handled on all nodes").isEqualTo(396);
        assertThat(done.stream().mapToLong(BulkReplay::failed).sum()).as("failed again on all nodes").isEqualTo(4);
        assertThat(done.stream().mapToLong(BulkReplay::skipped).sum()).as("none met by two nodes").isZero();
        assertThat(Postgres.count("SELECT count(*) FROM replay_effect")).as("effects").isEqualTo(396);
        assertThat(Postgres.count("SELECT count(DISTINCT parcel) FROM replay_effect")).isEqualTo(396);
        assertThat(Postgres.count("SELECT count(*) FROM replay_effect WHERE parcel IN ('p-7', 'p-150', 'p-151', "
                + "'p-399')")).isZero();
        List<DeadLetter> left = deadLetters.list(0, 10);
        assertThat(left).extracting(letter -> ((Shipments.Ship) letter.payload()).parcel())
                .containsExactlyInAnyOrderElementsOf(poisoned);
        assertThat(left).allSatisfy(letter -> {
            assertThat(letter.attempts()).as("the replay's failure recorded once").isEqualTo(2);
            assertThat(letter.failure().exceptionMessage()).contains("is still unshippable");
        });
    }

    @Test
    void a_node_whose_lease_ended_cannot_commit_what_another_node_took_over() throws Exception {
        deadLetters(3);
        warehouse.heal(Set.of());
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        DeadLetterStore jpa = new JpaDeadLetterStore(Jpa::transactionScoped);
        AtomicBoolean first = new AtomicBoolean(true);
        // the stale node stops between its claim and its batch's transaction (a long GC pause, a frozen VM)
        DeadLetterStore pausing = (DeadLetterStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DeadLetterStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deleteClaimed") && first.getAndSet(false)) {
                        paused.countDown();
                        if (!resume.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never resumed");
                        }
                    }
                    try {
                        return method.invoke(jpa, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DeadLetterService stale = local().asNode("stale", () -> pausing, Clock.systemUTC());
        // the other node's clock is past the stale node's lease
        DeadLetterService fresh = node("fresh", Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)));
        DeadLetterFilter selection = DeadLetterFilter.all().upTo(Instant.now());

        BulkReplay staleReplay = stale.replayInBackground(selection, new ReplayOptions(100_000, false));
        assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
        BulkReplay freshDone = finished(fresh, fresh.replayInBackground(selection, new ReplayOptions(100_000,
                false)));
        resume.countDown();
        BulkReplay staleDone = finished(stale, staleReplay);

        assertThat(freshDone.handled()).as("taken over").isEqualTo(3);
        assertThat(staleDone.state()).isEqualTo(BulkReplay.State.COMPLETED);
        assertThat(staleDone.handled()).as("the stale node committed nothing").isZero();
        assertThat(staleDone.skipped()).isEqualTo(3);
        assertThat(staleDone.node()).isEqualTo("stale");
        assertThat(warehouse.runs() - 3).as("handler runs after the dead-lettering runs").isEqualTo(3);
        assertThat(Postgres.count("SELECT count(*) FROM replay_effect")).isEqualTo(3);
        assertThat(Postgres.count("SELECT count(DISTINCT parcel) FROM replay_effect")).isEqualTo(3);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void each_node_runs_its_own_canary_on_a_dead_letter_of_its_own_and_stops_when_it_fails() throws Exception {
        deadLetters(10);                                            // still failing: every canary fails again
        DeadLetterService other = node("node-1", Clock.systemUTC());
        DeadLetterFilter selection = DeadLetterFilter.all().upTo(Instant.now());

        BulkReplay here = finished(deadLetters, deadLetters.replayInBackground(selection, new ReplayOptions(100,
                true)));
        BulkReplay there = finished(other, other.replayInBackground(selection, new ReplayOptions(100, true)));

        assertThat(List.of(here, there)).allSatisfy(replay -> {
            assertThat(replay.state()).isEqualTo(BulkReplay.State.CANARY_FAILED);
            assertThat(replay.failed()).isEqualTo(1);
            assertThat(replay.handled()).isZero();
        });
        // the first canary's failure ended its claim but is after the cut-off: the second node took another one
        assertThat(deadLetters.list(0, 10)).extracting(DeadLetter::attempts).containsExactlyInAnyOrder(2, 2, 1, 1, 1,
                1, 1, 1, 1, 1);
        assertThat(deadLetters.count()).isEqualTo(10);
    }
}
