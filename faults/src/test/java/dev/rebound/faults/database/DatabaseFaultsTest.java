package dev.rebound.faults.database;

import dev.rebound.faults.harness.Database;
import dev.rebound.faults.harness.FaultRun;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL fails under load: the handler's effects, the dead letter and prepared transactions all live there. */
class DatabaseFaultsTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    /** Each handler takes this long, so that the load is still running when the fault comes. */
    private static final long WORK_MS = 100;

    @Test
    void database_killed_and_restarted_during_load_loses_nothing_and_does_nothing_twice() {
        try (FaultRun run = FaultRun.start("database-killed", "", WORK_MS)) {
            run.underLoad("d", () -> {
                Database.killAndRestart(Duration.ofSeconds(3));
                run.killed();
            });
            run.settle().assertClean();
        }
    }

    @Test
    void database_hung_for_ten_seconds_during_load_loses_nothing_and_does_nothing_twice() {
        try (FaultRun run = FaultRun.start("database-hung", "", WORK_MS)) {
            run.underLoad("h", () -> Database.hang(Duration.ofSeconds(10)));
            run.settle().assertClean();
        }
    }
}
