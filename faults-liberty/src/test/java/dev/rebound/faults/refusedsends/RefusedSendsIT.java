package dev.rebound.faults.refusedsends;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.support.FaultRun;
import dev.rebound.faults.support.LibertyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Finding 1 of issue 10: the broker refuses sends for a while (queue work {@code sendAllowed="false"}, through a
 * configuration drop-in that the running server picks up) while every message fails, so each delayed retry's
 * re-send is refused. Every message must still reach the dead letter once, and none may be left to the engine,
 * which moves a message to {@code _SYSTEM.Exception.Destination} after {@code maxRedeliveryCount} (5) deliveries.
 */
class RefusedSendsIT {

    /** How long the queue refuses sends (raised by -Pfaults-long). */
    private static final Duration REFUSED = Duration.ofMillis(Long.getLong("faults.refused-ms", 20_000));
    /** Liberty's "The server configuration was successfully updated". */
    private static final String CONFIG_UPDATED = "CWWKG0017I";
    private static final String REFUSING = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- written and removed by RefusedSendsIT: the engine refuses every send to queue work -->
            <server>
              <messagingEngine id="defaultME">
                <queue id="work" sendAllowed="false"/>
              </messagingEngine>
            </server>
            """;

    @Test
    void messages_whose_retries_the_broker_refuses_for_a_while_all_reach_the_dead_letter_once()
            throws IOException, InterruptedException {
        FaultRun run = FaultRun.of("refused");
        LibertyServer server = run.server();
        FaultRun.Batch batch = run.batch(Math.max(20, FaultRun.MESSAGES));
        run.api().failAll(batch.prefix());
        run.api().pace(300);            // each attempt takes a while, so that retries are in flight during the window
        run.send(batch);

        Path dropIn = server.overrides().resolve("faults-work-refuses-sends.xml");
        reconfigure(server, () -> Files.writeString(dropIn, REFUSING));
        Thread.sleep(REFUSED.toMillis());   // the fault's duration, not a wait for an outcome
        reconfigure(server, () -> Files.delete(dropIn));
        run.api().pace(0);

        run.settleAndVerify();
    }

    private interface FileChange {
        void apply() throws IOException;
    }

    /** Changes a drop-in and waits until the running server says it applied the new configuration. */
    private static void reconfigure(LibertyServer server, FileChange change) throws IOException {
        long updates = server.logLines(CONFIG_UPDATED);
        change.apply();
        await("the server applies the configuration drop-in").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250)).until(() -> server.logLines(CONFIG_UPDATED) > updates);
    }
}
