package dev.rebound.faults.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.faults.support.FaultRun;
import dev.rebound.faults.support.Ledger;
import org.junit.jupiter.api.Test;

/**
 * The ledger without kills, the baseline of the fault scenarios: a key that fails once is handled by its delayed
 * retry, a key that always fails lands in the dead letter, and its replay (once the cause is gone) handles it.
 */
class WithoutFaultsIT {

    @Test
    void every_message_is_handled_once_or_dead_lettered_once_and_a_replay_handles_the_dead_letter() {
        FaultRun run = FaultRun.of("baseline");
        FaultRun.Batch batch = run.batch(FaultRun.MESSAGES);
        run.api().fail(batch.key(2), 1);
        run.api().fail(batch.key(3), -1);

        run.send(batch);
        Ledger ledger = run.settle();
        assertThat(ledger.of(batch.key(2))).as("failed once, handled by its retry")
                .isEqualTo(new Ledger.Entry(1, 0, 0, 0));
        assertThat(ledger.of(batch.key(3))).as("failed always: the dead letter")
                .isEqualTo(new Ledger.Entry(0, 1, 0, 0));

        run.api().heal();
        assertThat(run.replay()).isEqualTo(1);
        run.settleAndVerify();
        assertThat(run.ledger().of(batch.key(3))).as("replayed: handled, no dead letter left")
                .isEqualTo(new Ledger.Entry(1, 0, 0, 0));
    }
}
