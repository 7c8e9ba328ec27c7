package dev.rebound.faults.routed;

import dev.rebound.faults.support.FaultRun;
import dev.rebound.faults.app.Point;
import org.junit.jupiter.api.Test;

/**
 * Finding 2 of issue 10: in jta mode a message that ran out of retries is stored as a dead letter in a
 * transaction of its own, and acknowledged later, on its redelivery. kill -9 in between (held in a
 * MessageObserver's deadLettered, which fires after the dead letter committed): after the restart the cause is
 * gone (the fault plan lives in memory), the redelivery runs the handler and it succeeds. The message must not end
 * up both handled and a dead letter.
 */
class KillBetweenRoutingAndAcknowledgementIT {

    @Test
    void a_message_killed_between_its_dead_letter_and_its_acknowledgement_has_one_outcome_after_the_restart() {
        FaultRun run = FaultRun.of("routed");
        run.killInRounds(Point.ROUTED, true);
        run.settleAndVerify();
    }
}
