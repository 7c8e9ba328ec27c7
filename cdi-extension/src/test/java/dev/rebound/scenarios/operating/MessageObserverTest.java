package dev.rebound.scenarios.operating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetters;
import dev.rebound.testing.Deployments;
import dev.rebound.testing.Postgres;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every MessageObserver bean hears handling, failures, instant retries, dead letters and replays. */
@EnableWeld
class MessageObserverTest {

    private static final String SHIP = Ops.Handlers.class.getName() + "#ship";

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Deployments.weld(Map.of(), Ops.RetryingBus.class, Ops.Handlers.class,
            Ops.RecordingObserver.class, Ops.BrokenObserver.class)).inject(this).build();

    @Inject
    Ops.RetryingBus bus;
    @Inject
    Ops.Handlers handlers;
    @Inject
    Ops.RecordingObserver observer;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void clean() {
        Postgres.execute("DELETE FROM rebound_dead_letter");
    }

    @Test
    void observers_hear_each_step_and_a_throwing_observer_changes_nothing() {
        bus.send(new Ops.Ship("o-1"));

        assertThat(observer.events()).containsExactly(
                "failed null " + SHIP + " IllegalStateException",
                "retried null " + SHIP + " INSTANT",
                "failed null " + SHIP + " IllegalStateException",
                "deadLettered null " + SHIP);
        assertThat(deadLetters.count()).as("the broken observer did not stop the dead letter").isEqualTo(1);

        observer.clear();
        handlers.heal();
        UUID id = deadLetters.list(0, 1).get(0).id();
        assertThat(deadLetters.replay(id)).isTrue();
        assertThat(observer.events()).containsExactly("handled null " + SHIP, "replayed null " + SHIP + " true");
        assertThat(handlers.shipped()).isEqualTo(1);
    }
}
