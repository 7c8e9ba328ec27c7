package dev.rebound.faults.aftercommit;

import dev.rebound.faults.support.FaultRun;
import dev.rebound.faults.app.Point;
import org.junit.jupiter.api.Test;

/**
 * kill -9 right after the handler's transaction committed (in its afterCompletion): the effect and the
 * acknowledgement are one XA transaction, so the restarted server must neither lose the effect nor deliver the
 * message again.
 */
class KillAfterCommitIT {

    @Test
    void a_message_killed_after_its_commit_is_not_handled_again_after_the_restart() {
        FaultRun run = FaultRun.of("aftercommit");
        run.killInRounds(Point.AFTER_COMMIT, false);
        run.settleAndVerify();
    }
}
