package dev.rebound.scenarios.replayonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetters;
import dev.rebound.testing.ObservedDeadLetterStore;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An operator deletes a dead letter just after a replay read it: the replay must not run the handler. */
@ReboundTest(beans = {Parcels.ParcelBus.class, Parcels.Courier.class, ObservedDeadLetterStore.class})
class DeleteDuringReplayTest {

    @Inject
    Parcels.ParcelBus bus;
    @Inject
    Parcels.Courier courier;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ObservedDeadLetterStore store;

    @Test
    void a_replay_of_a_dead_letter_deleted_after_it_was_read_reports_it_gone_and_runs_nothing() {
        bus.send(new Parcels.Send("p-1"));
        UUID id = deadLetters.list(0, 1).get(0).id();
        courier.heal();
        store.deleteAfterNextFind();

        assertThatThrownBy(() -> deadLetters.replay(id)).isInstanceOf(DeadLetterNotFoundException.class)
                .hasMessageContaining("REBOUND-1017").hasMessageContaining(id.toString());
        assertThat(courier.runs()).as("handler runs").isZero();
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_replay_that_fails_again_does_not_bring_back_a_dead_letter_deleted_meanwhile() {
        bus.send(new Parcels.Send("p-2"));
        UUID id = deadLetters.list(0, 1).get(0).id();
        store.deleteAfterNextFind();

        assertThatThrownBy(() -> deadLetters.replay(id)).isInstanceOf(DeadLetterNotFoundException.class);
        assertThat(deadLetters.count()).isZero();
    }
}
