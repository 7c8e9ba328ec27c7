package dev.rebound.scenarios.operating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetters;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every MessageObserver bean hears handling, failures, instant retries, dead letters and replays. */
@ReboundTest(beans = {Ops.RetryingBus.class, Ops.Handlers.class, Ops.RecordingObserver.class, Ops.BrokenObserver.class})
class MessageObserverTest {

    private static final String SHIP = Ops.Handlers.class.getName() + "#ship";

    @Inject
    Ops.RetryingBus bus;
    @Inject
    Ops.Handlers handlers;
    @Inject
    Ops.RecordingObserver observer;
    @Inject
    DeadLetters deadLetters;

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
