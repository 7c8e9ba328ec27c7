package dev.rebound.faults.killed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rebound.faults.harness.FaultRun;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The long suite only (-Pfaults-long): kill -9 of the application at random moments of the load, several rounds. */
class AppKilledAtRandomMomentsTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void killed_at_random_moments_over_several_rounds_loses_nothing_and_does_nothing_twice() throws Exception {
        assumeTrue(FaultRun.RANDOM, "random kills run with -Pfaults-long");
        long seed = Long.getLong("faults.seed", System.nanoTime());
        System.out.println("FAULTS killed-at-random: seed " + seed + " (-Dfaults.seed to repeat)");
        Random random = new Random(seed);
        try (FaultRun run = FaultRun.start("killed-at-random", "", 20)) {
            for (int round = 0; round < FaultRun.ROUNDS; round++) {
                run.send(run.jobs("x" + round, FaultRun.MESSAGES));
                for (int kill = 0; kill < 3; kill++) {
                    Thread.sleep(300 + random.nextInt(3000));    // when the fault comes, not a wait for an outcome
                    run.app().kill();
                    run.killed();
                    run.app().start();
                }
            }
            run.settle().assertClean();
        }
    }
}
