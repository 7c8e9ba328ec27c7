package dev.rebound.faults.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One scenario's run on the shared server: its keys (a prefix of their own, so runs never mix), its kills, and at
 * the end the ledger's verdict, printed as one line and asserted clean.
 */
public final class FaultRun {

    /** How many messages a scenario sends, and how often a kill scenario repeats (raised by -Pfaults-long). */
    public static final int MESSAGES = Integer.getInteger("faults.messages", 12);
    public static final int ROUNDS = Integer.getInteger("faults.rounds", 1);

    private static final Duration SETTLE_DEADLINE = Duration.ofMinutes(3);
    /** Nothing may change for this long before the ledger is read for the verdict: late duplicates show up. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    private final String scenario;
    private final String prefix;
    private final LibertyServer server;
    private final FaultsApi api = new FaultsApi();
    private final List<String> keys = new ArrayList<>();
    private final int killsBefore;
    private int batches;

    private FaultRun(String scenario) {
        this.scenario = scenario;
        this.prefix = scenario + "-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        this.server = LibertyServer.running();
        this.killsBefore = server.kills();
        api.reset();
    }

    public static FaultRun of(String scenario) {
        return new FaultRun(scenario);
    }

    public FaultsApi api() {
        return api;
    }

    public LibertyServer server() {
        return server;
    }

    /** The keys of the next batch, not sent yet (so that a fault plan can name them first). */
    public Batch batch(int count) {
        String batchPrefix = prefix + "b" + (++batches);
        return new Batch(batchPrefix, IntStream.rangeClosed(1, count).mapToObj(i -> batchPrefix + "-" + i).toList());
    }

    /** Sends the batch (one message per key) to queue work. */
    public void send(Batch batch) {
        assertThat(api.send(batch.prefix(), batch.keys().size())).isEqualTo(batch.keys());
        keys.addAll(batch.keys());
    }

    /** Keys sent together; {@code key(i)} is the i-th, from 1. */
    public record Batch(String prefix, List<String> keys) {
        public String key(int i) {
            return keys.get(i - 1);
        }
    }

    public List<String> keys() {
        return List.copyOf(keys);
    }

    public Ledger ledger() {
        return api.ledger(prefix);
    }

    /** Replays this run's dead letters; returns how many were handled. */
    public int replay() {
        return api.replay(prefix);
    }

    /** Starts replaying this run's dead letters in a request that the test does not wait for. */
    public void replayInBackground() {
        api.replayInBackground(prefix);
    }

    /**
     * {@link #ROUNDS} times: a batch whose middle key is held at the point (after failing every time, if
     * {@code victimFails}: a key held where failures go), kill -9 once it is, start again.
     */
    public void killInRounds(Point point, boolean victimFails) {
        for (int round = 0; round < ROUNDS; round++) {
            Batch batch = batch(MESSAGES);
            String victim = batch.key(MESSAGES / 2);
            if (victimFails) {
                api.fail(victim, -1);
            }
            api.hold(point, victim);
            send(batch);
            killWhenHeld(point, victim);
        }
    }

    /** Waits until a thread is held at the point, then kills the JVM and starts the server again. */
    public void killWhenHeld(Point point, String key) {
        String expected = point + " " + key;
        await("a thread held at " + expected).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(api::reached, reached -> reached.startsWith(point.name()));
        assertThat(api.reached()).as("where the thread was held").startsWith(point + (key == null ? "" : " " + key));
        server.killAndRestart();
    }

    /**
     * Waits (with a deadline) until every key has its outcome and the ledger stops changing, then prints the
     * verdict and asserts that it is clean: nothing lost, duplicated, stuck or on the exception destination.
     */
    public Verdict settleAndVerify() {
        Ledger ledger = settle();
        Verdict verdict = Verdict.of(ledger, keys, server.kills() - killsBefore);
        Figures.add(scenario, verdict);
        Map<String, Ledger.Entry> wrong = ledger.wrong(keys);
        assertThat(verdict.clean()).as("%s%nkeys without exactly one outcome: %s", verdict.line(), wrong).isTrue();
        return verdict;
    }

    /** Waits (with a deadline) until every key has its outcome and the ledger stops changing; returns it. */
    public Ledger settle() {
        AtomicReference<Ledger> last = new AtomicReference<>(ledger());
        try {
            await(scenario + ": every key has its outcome").atMost(SETTLE_DEADLINE).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(ledger());
                        return last.get().settled(keys);
                    });
            await(scenario + ": the ledger stays as it is").atMost(SETTLE_DEADLINE).during(QUIET)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        Ledger now = ledger();
                        boolean same = now.equals(last.get());
                        last.set(now);
                        return same;
                    });
        } catch (ConditionTimeoutException notSettled) {
            // the verdict below counts what did not settle (stuck, lost) and fails the scenario
        }
        return last.get();
    }
}
