package dev.rebound.bench.deadletter;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.bench.Work;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.testing.Deployments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One node of the three-process bulk replay ({@link ReplaySuite}): the suite's application in a JVM of its own on the
 * parent's PostgreSQL ({@code -Dtestsupport.postgres.url}), {@code rebound.node} = its name. It says it is ready (a
 * file), then for each round waits for that round's go (a file holding the count and the cut-off), runs one bulk
 * replay of the dead letters up to the cut-off and writes its outcome and the orders its handler ran. Round 0 is the
 * JIT's warm-up.
 *
 * <p>Arguments: node name, rounds, directory of the ready/go/outcome files.
 */
public final class ReplayNode {

    private ReplayNode() {
    }

    public static void main(String[] args) throws Exception {
        String node = args[0];
        int rounds = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        try (WeldContainer app = Deployments.weld(Map.of("rebound.node", node), RejectingDesk.class,
                DeadLetteringBus.class).initialize()) {
            RejectingDesk desk = app.select(RejectingDesk.class).get();
            DeadLetterService deadLetters = (DeadLetterService) app.select(DeadLetters.class).get();
            desk.use(Work.happy());
            deadLetters.count();                                    // the pool and the store started
            Files.writeString(dir.resolve(node + ".ready"), "ready");
            for (int round = 0; round < rounds; round++) {
                Path go = dir.resolve("go-" + round);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (!Files.exists(go)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no " + go + " within 10 minutes");
                    }
                    Thread.sleep(2);
                }
                String[] order = Files.readString(go).trim().split(" ");
                int count = Integer.parseInt(order[0]);
                Instant cutOff = Instant.ofEpochMilli(Long.parseLong(order[1]));
                AtomicIntegerArray runs = desk.count(count);
                BulkReplay started = deadLetters.replayInBackground(DeadLetterFilter.all().upTo(cutOff),
                        new ReplayOptions(1_000_000, false));
                BulkReplay done;
                do {
                    Thread.sleep(10);
                    done = deadLetters.bulkReplay(started.id()).orElseThrow();
                } while (!done.state().finished());
                StringBuilder out = new StringBuilder();
                out.append(done.state()).append(' ').append(done.handled()).append(' ').append(done.failed())
                        .append(' ').append(done.skipped()).append(' ').append(System.currentTimeMillis()).append('\n');
                for (int seq = 0; seq <= count; seq++) {
                    int ran = runs.get(seq);
                    if (ran > 0) {
                        out.append(seq).append(' ').append(ran).append('\n');
                    }
                }
                Path written = dir.resolve(node + ".tmp");
                Files.writeString(written, out);
                Files.move(written, dir.resolve(node + ".outcome-" + round));
            }
        }
        System.exit(0);
    }
}
