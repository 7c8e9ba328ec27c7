package dev.rebound.faults.databasehang;

import dev.rebound.faults.support.FaultRun;
import org.junit.jupiter.api.Test;

/**
 * The database hangs while messages are handled, retried and dead-lettered: the effect and dead letter tables stay
 * locked for a while, every handler and every dead letter write waits on its connection. Afterwards every message
 * has its one outcome.
 */
class DatabaseHangIT {

    /** How long the tables stay locked (raised by -Pfaults-long; below Derby's 60 s lock timeout). */
    private static final long HANG_MS = Long.getLong("faults.db-hang-ms", 10_000);

    @Test
    void messages_handled_while_the_database_hangs_each_have_one_outcome_afterwards() {
        FaultRun run = FaultRun.of("dbhang");
        FaultRun.Batch batch = run.batch(FaultRun.MESSAGES);
        for (int i = 1; i <= FaultRun.MESSAGES; i += 3) {
            run.api().fail(batch.key(i), i % 2 == 0 ? -1 : 1);
        }
        run.api().pace(100);
        run.send(batch);
        run.api().hangDatabase(HANG_MS);
        run.settleAndVerify();
    }
}
