package dev.rebound.bench.deadletter;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.bench.Machine;
import dev.rebound.bench.Order;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.Work;
import dev.rebound.bench.async.Rounds;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.Jpa;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Issues 16 and 17: replaying dead letters at scale on PostgreSQL (Hibernate, Narayana, Agroal). 10,000 dead
 * letters on one replayer and 100,000 with three concurrent replayers ("nodes" in one JVM: services of their own,
 * each with its own store instance, claims and progress), batched claims ({@code replayAll} and bulk replays: a
 * claim of 100 in one short transaction, then the 100 handlers and the removal in one transaction) against the
 * one-transaction-per-message path ({@code DeadLetters.replay(ids)}: per message, read the row, remove it and run
 * the handler in one transaction; three replayers walk the same ids oldest first) in the same run, alternated.
 * Every round checks 0 duplicates (each order's handler ran once) and an empty table.
 */
public final class ReplaySuite {

    private ReplaySuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        int small = (int) Math.max(1000, Math.round(10_000 * scale));
        int large = (int) Math.max(3000, Math.round(100_000 * scale));
        String before = Machine.loadAverage();
        try (WeldContainer app = Deployments.weld(Map.of(), RejectingDesk.class, DeadLetteringBus.class).initialize()) {
            DeadLetteringBus bus = app.select(DeadLetteringBus.class).get();
            RejectingDesk desk = app.select(RejectingDesk.class).get();
            DeadLetterService local = (DeadLetterService) app.select(DeadLetters.class).get();
            Rows.execute("TRUNCATE rebound_dead_letter");
            bus.send(Order.number(-1));
            String stackTrace = Rows.stackTraceOfAStoredRow();
            desk.use(Work.happy());
            List<DeadLetterService> nodes = new ArrayList<>(List.of(local));
            for (int n = 1; n < 3; n++) {
                DeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);
                nodes.add(local.asNode("node-" + n, () -> store, Clock.systemUTC()));
            }
            // warm-up of both paths
            oneByOne(desk, local, 1, Math.min(small, 2000), stackTrace);
            batched(desk, List.of(local), Math.min(small, 2000), stackTrace, true);

            List<double[]> single = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                single.add(new double[] {batched(desk, List.of(local), small, stackTrace, true),
                        oneByOne(desk, local, 1, small, stackTrace)});
            }
            double batchedRate = Rounds.median(single, 0);
            double oldRate = Rounds.median(single, 1);
            results.add(new Result("replay", "replay of " + String.format(Locale.ROOT, "%,d", small)
                    + " dead letters, one replayer (DeadLetters.replayAll: batched claims)", "replays/s",
                    batchedRate, oldRate, batchedRate / oldRate, ">= 5,000 replays/s", batchedRate >= 5_000, single,
                    "median of 3 rounds [batched, one transaction per message]; baseline: DeadLetters.replay(ids), "
                            + "one transaction per message (the path before issue 16); 0 duplicates checked"));

            List<double[]> three = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                three.add(new double[] {batched(desk, nodes, large, stackTrace, false),
                        oneByOne(desk, local, 3, large, stackTrace)});
            }
            double nodesRate = Rounds.median(three, 0);
            double oldNodesRate = Rounds.median(three, 1);
            results.add(new Result("replay", "bulk replay of " + String.format(Locale.ROOT, "%,d", large)
                    + " dead letters by three concurrent replayers (in one JVM), total", "replays/s", nodesRate,
                    oldNodesRate, nodesRate / oldNodesRate, ">= 2,000 replays/s in total, 0 duplicates",
                    nodesRate >= 2_000, three, "2 rounds (each long) [three bulk replays of the same selection, "
                            + "one per node; three threads of DeadLetters.replay(ids) on the same ids, oldest first]; "
                            + "0 duplicates checked; load before " + before + ", after " + Machine.loadAverage()));
        }
    }

    /** Batched: {@code replayAll} on one node, or one bulk replay per node of the same selection at once. */
    private static double batched(RejectingDesk desk, List<DeadLetterService> nodes, int count, String stackTrace,
                                  boolean replayAll) throws Exception {
        fill(count, stackTrace);
        AtomicIntegerArray runs = desk.count(count);
        long start = System.nanoTime();
        long handled;
        if (replayAll) {
            handled = nodes.get(0).replayAll();
        } else {
            DeadLetterFilter selection = DeadLetterFilter.all().upTo(Instant.now());
            List<BulkReplay> started = new ArrayList<>();
            for (DeadLetterService node : nodes) {
                started.add(node.replayInBackground(selection, new ReplayOptions(1_000_000, false)));
            }
            handled = 0;
            for (int n = 0; n < nodes.size(); n++) {
                BulkReplay done;
                do {
                    Thread.sleep(20);
                    done = nodes.get(n).bulkReplay(started.get(n).id()).orElseThrow();
                } while (!done.state().finished());
                if (done.state() != BulkReplay.State.COMPLETED) {
                    throw new IllegalStateException("bulk replay on " + done.node() + ": " + done);
                }
                System.out.printf(Locale.ROOT, "  %s: handled %,d, failed %d, skipped %d%n", done.node(),
                        done.handled(), done.failed(), done.skipped());
                handled += done.handled();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(nodes.get(0), runs, count, handled);
        double rate = count / seconds;
        System.out.printf(Locale.ROOT, "  batched, %d replayer(s): %,d in %.1f s = %.0f/s%n", nodes.size(), count,
                seconds, rate);
        return rate;
    }

    /** The one-transaction-per-message path, on {@code replayers} threads that each walk all ids oldest first. */
    private static double oneByOne(RejectingDesk desk, DeadLetterService node, int replayers, int count,
                                   String stackTrace) throws Exception {
        fill(count, stackTrace);
        List<UUID> ids = new ArrayList<>(count);
        for (int offset = 0; offset < count; offset += 1000) {
            node.list(offset, 1000).stream().map(DeadLetter::id).forEach(ids::add);
        }
        AtomicIntegerArray runs = desk.count(count);
        ExecutorService threads = Executors.newFixedThreadPool(replayers);
        long start = System.nanoTime();
        long handled = 0;
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int r = 0; r < replayers; r++) {
                work.add(() -> node.replay(ids));
            }
            for (Future<Integer> done : threads.invokeAll(work, 30, TimeUnit.MINUTES)) {
                handled += done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(node, runs, count, handled);
        double rate = count / seconds;
        System.out.printf(Locale.ROOT, "  one transaction per message, %d replayer(s): %,d in %.1f s = %.0f/s%n",
                replayers, count, seconds, rate);
        return rate;
    }

    private static void fill(int count, String stackTrace) throws Exception {
        Rows.execute("TRUNCATE rebound_dead_letter");
        Rows.fill(count, stackTrace);
    }

    /** Every order's handler ran exactly once, all were counted as handled, none is left. */
    private static void check(DeadLetters deadLetters, AtomicIntegerArray runs, int count, long handled) {
        int duplicates = 0;
        int missing = 0;
        for (int seq = 1; seq <= count; seq++) {
            int ran = runs.get(seq);
            duplicates += Math.max(0, ran - 1);
            missing += ran == 0 ? 1 : 0;
        }
        long left = deadLetters.count();
        if (duplicates != 0 || missing != 0 || handled != count || left != 0) {
            throw new IllegalStateException("replay of " + count + ": " + duplicates + " duplicates, " + missing
                    + " never ran, " + handled + " counted as handled, " + left + " left");
        }
    }
}
