package dev.rebound.faults.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.faults.support.FaultRun;
import dev.rebound.faults.app.Point;
import dev.rebound.faults.support.Ledger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 during a replay of the dead letter: the replay of one message is held in its handler (effect written,
 * the replay's transaction with the dead letter's removal not committed). After the restart the replay is run
 * again: every message handled once, no dead letter left.
 */
class KillDuringReplayIT {

    @Test
    void dead_letters_whose_replay_was_killed_are_each_handled_once_by_the_next_replay() {
        FaultRun run = FaultRun.of("replay");
        int failing = Math.max(3, FaultRun.MESSAGES / 3);
        for (int round = 0; round < FaultRun.ROUNDS; round++) {
            FaultRun.Batch batch = run.batch(FaultRun.MESSAGES);
            for (int i = 1; i <= failing; i++) {
                run.api().fail(batch.key(i), -1);
            }
            run.send(batch);
            Ledger ledger = run.settle();
            for (int i = 1; i <= failing; i++) {
                assertThat(ledger.of(batch.key(i)).deadLetters()).as("dead letter of %s", batch.key(i)).isEqualTo(1);
            }

            run.api().heal();
            String victim = batch.key(failing / 2 + 1);
            run.api().hold(Point.REPLAY, victim);
            run.replayInBackground();
            run.killWhenHeld(Point.REPLAY, victim);
            run.replay();
        }
        run.settleAndVerify();
        assertThat(run.ledger().entries().values()).as("no dead letter left after the replays")
                .allMatch(entry -> entry.deadLetters() == 0);
    }
}
