package dev.rebound.faults.midhandler;

import dev.rebound.faults.support.FaultRun;
import dev.rebound.faults.app.Point;
import org.junit.jupiter.api.Test;

/**
 * kill -9 while a handler runs: its effect row is written, its transaction (effect and acknowledgement) not
 * committed. The restarted server must roll both back and deliver the message again: one effect.
 */
class KillMidHandlerIT {

    @Test
    void a_message_whose_handler_was_killed_midway_is_handled_once_after_the_restart() {
        FaultRun run = FaultRun.of("midhandler");
        run.killInRounds(Point.MID_HANDLER, false);
        run.settleAndVerify();
    }
}
