package dev.rebound.scenarios.bounded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.Postgres;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outside a server, bulk replays run on threads Rebound starts; they end when the application stops. */
class BulkReplayShutdownTest {

    @BeforeEach
    void clean() {
        Postgres.execute("DELETE FROM rebound_dead_letter");
    }

    private static boolean bulkReplayThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("rebound-b"));
    }

    @Test
    void stopping_the_application_cancels_its_bulk_replays_and_ends_their_threads() {
        DeadLetters deadLetters;
        BulkReplay started;
        try (WeldContainer container = Deployments.start(Map.of(), Crates.CrateBus.class, Crates.Loader.class)) {
            Crates.CrateBus bus = container.select(Crates.CrateBus.class).get();
            Crates.Loader loader = container.select(Crates.Loader.class).get();
            deadLetters = container.select(DeadLetters.class).get();
            for (int i = 0; i < 20; i++) {
                bus.send(new Crates.Load("c-" + i));
            }
            loader.heal();
            started = deadLetters.replayInBackground(DeadLetterFilter.all(), new ReplayOptions(2, false));
            BulkReplay first = started;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deadLetters.bulkReplay(first.id()).orElseThrow().handled() >= 1);
        }

        BulkReplay stopped = deadLetters.bulkReplay(started.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(BulkReplay.State.CANCELLED);
        assertThat(stopped.handled()).isLessThan(20);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bulkReplayThreadsAlive());
        long left = Postgres.count("SELECT count(*) FROM rebound_dead_letter");
        assertThat(left).isEqualTo(20L - stopped.handled());
        // nothing replays after the stop (at 2 per second, a running replay would take one in 500 ms)
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                .until(() -> Postgres.count("SELECT count(*) FROM rebound_dead_letter") == left);
        assertThatThrownBy(() -> deadLetters.replayInBackground(DeadLetterFilter.all(), new ReplayOptions(2, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REBOUND-4009");
    }
}
