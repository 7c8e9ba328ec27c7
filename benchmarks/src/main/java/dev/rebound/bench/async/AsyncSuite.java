package dev.rebound.bench.async;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.Work;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue item 2: messages per second through Rebound's {@code @Asynchronous} handler against the hand-written
 * consumer loop, with 1 and 4 concurrent consumers, on full queues of persistent 1 KB messages, one JTA
 * transaction and one JMS session commit per message on both sides.
 */
public final class AsyncSuite {

    static final String PLAIN_QUEUE = "bench.plain";
    /** Issue 17: at least 0.95x the hand-written loop in every cell. */
    private static final double GOAL = 0.95;
    private static final int ROUNDS = 5;

    private AsyncSuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        long count = Math.max(2000, Math.round(10_000 * scale));
        // bench.async.modes / bench.async.consumers: a subset of the cells (e.g. to profile one)
        for (String mode : System.getProperty("bench.async.modes", "local,xa").split(",")) {
            for (String consumers : System.getProperty("bench.async.consumers", "1,4").split(",")) {
                compare(results, count, mode.trim(), Integer.parseInt(consumers.trim()));
            }
        }
    }

    private static void compare(Results results, long count, String mode, int consumers) throws Exception {
        String what = "happy path, rebound.jms.transactions=" + mode + ", " + consumers + " consumer"
                + (consumers > 1 ? "s" : "");
        boolean xa = mode.equals("xa");
        String how = String.format(Locale.ROOT, "median of " + ROUNDS + " alternating rounds (after a warm-up "
                + "round each) of %,d persistent %d-byte JSON messages from a full queue; per message: " + (xa
                ? "one JTA transaction with the XA session enlisted (one resource: one-phase commit)"
                : "transacted session + JTA transaction around the handler"), count, Feeder.bodyBytes());
        try (ReboundApp app = new ReboundApp(consumers, Map.of("rebound.jms.transactions", mode))) {
            List<double[]> rounds = Rounds.alternate(rebound(app), handWritten(consumers, xa), count, ROUNDS,
                    Work::happy);
            double r = Rounds.median(rounds, 0);
            double b = Rounds.median(rounds, 1);
            results.add(new Result("async", what, "msg/s", r, b, r / b, ">= 0.95x the hand-written loop",
                    r / b >= GOAL, rounds, how));
        }
    }

    static Side rebound(ReboundApp app) {
        return rebound("Rebound @Asynchronous", app, Map.of());
    }

    /** The app's handler as a side of that name, its messages fed with this metadata. */
    public static Side rebound(String name, ReboundApp app, Map<String, String> metadata) {
        return new Side(name, AsyncOrders.CHANNEL, AsyncOrders.HANDLER, new Side.Consumers() {
            @Override
            public void start(Work work) {
                app.start(work);
            }

            @Override
            public void stop() {
                app.stop();
            }
        }, () -> 0, () -> { }, metadata);
    }

    static Side handWritten(int consumers, boolean xa) {
        HandWritten[] running = new HandWritten[1];
        return new Side("hand-written JMSContext loop", PLAIN_QUEUE, new Side.Consumers() {
            @Override
            public void start(Work work) {
                running[0] = new HandWritten(PLAIN_QUEUE, work, xa);
                running[0].start(consumers);
            }

            @Override
            public void stop() throws InterruptedException {
                running[0].stop();
            }
        }, () -> BenchBroker.depth(BenchBroker.DLQ), () -> BenchBroker.purge(BenchBroker.DLQ));
    }
}
